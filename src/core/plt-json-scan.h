/* plt-json-scan.h — the pass over a message's text that runs before json-glib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "plt-protocol.h"

G_BEGIN_DECLS

/*
 * plt_json_scan:
 * @text: the message, not necessarily NUL-terminated
 * @length: its length in bytes
 * @error: set in PLT_PROTOCOL_ERROR when the text is rejected
 *
 * Checks, in this order, what json-glib 1.6.6 must never see or would
 * accept although RFC 8259 does not (docs/protocol.md §7, steps 2 and 3):
 * a NUL byte, a byte-order mark, invalid UTF-8 (BAD_REQUEST); then, in one
 * string-aware pass, nesting deeper than PLT_PROTOCOL_MAX_DEPTH and strings
 * longer than PLT_PROTOCOL_MAX_STRING once unescaped (TOO_LARGE), numbers
 * with too many digits, the leniencies of json-glib, and a root that is not
 * exactly one object (BAD_REQUEST). The size limit (step 1) is the
 * caller's: it depends on the direction.
 *
 * What passes is left for json-glib to check against RFC 8259 grammar
 * (commas, colons, matching brackets).
 *
 * Returns: TRUE when json-glib may parse @text.
 */
gboolean plt_json_scan (const char  *text,
                        gsize        length,
                        GError     **error);

G_END_DECLS
