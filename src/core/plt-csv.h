/* plt-csv.h — comma-separated values as RFC 4180 writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends one record: @fields (NULL-terminated; a NULL field is empty),
 * separated by commas, each quoted when it holds a comma, a double quote,
 * a CR or a LF (its double quotes doubled), ended by CRLF. */
void       plt_csv_append_row (GString             *out,
                               const char * const  *fields);
/* Reads @text back: one GStrv per record. A last record without its CRLF
 * is read too; a quote that never closes, or text after a closing quote,
 * fails with G_IO_ERROR_INVALID_DATA.
 * Returns: (transfer full) (element-type GStrv) (nullable) */
GPtrArray *plt_csv_parse      (const char          *text,
                               GError             **error);

G_END_DECLS
