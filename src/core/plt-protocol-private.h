/* plt-protocol-private.h — shared by the files of the codec, not public
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "plt-protocol.h"

G_BEGIN_DECLS

/* FALSE for the types that carry no "data" object: sys.hb, and unknown
 * types (whose payload is skipped unread). */
gboolean _plt_message_type_has_payload (PltMessageType type);

/* Decoding: reads the string member @name of @object into *@out (replacing
 * it), 1 to @max bytes; absent or null is accepted only when @nullable. A
 * failure is BAD_REQUEST naming the field "@prefix.@name". */
gboolean _plt_protocol_get_string (JsonObject  *object,
                                   const char  *prefix,
                                   const char  *name,
                                   gboolean     nullable,
                                   gsize        max,
                                   char       **out,
                                   GError     **error);

/* Encoding: a member @name with @value, null when @value is NULL. */
static inline void
_plt_protocol_add_string (JsonBuilder *b,
                          const char  *name,
                          const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* Encoding: a member @name with the integer @value. */
static inline void
_plt_protocol_add_int (JsonBuilder *b,
                       const char  *name,
                       gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

G_END_DECLS
