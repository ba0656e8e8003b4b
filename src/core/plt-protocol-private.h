/* plt-protocol-private.h — shared by the files of the codec, not public
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-protocol.h"

G_BEGIN_DECLS

/* FALSE for the types that carry no "data" object: sys.hb, and unknown
 * types (whose payload is skipped unread). */
gboolean _plt_message_type_has_payload (PltMessageType type);

G_END_DECLS
