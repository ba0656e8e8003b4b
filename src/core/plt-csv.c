/* plt-csv.c — comma-separated values as RFC 4180 writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "plt-csv.h"

void
plt_csv_append_row (GString            *out,
                    const char * const *fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL);

  for (guint i = 0; fields[i] != NULL || i == 0; i++)
    {
      const char *field = fields[i] != NULL ? fields[i] : "";

      if (i > 0)
        g_string_append_c (out, ',');

      if (strpbrk (field, ",\"\r\n") == NULL)
        g_string_append (out, field);
      else
        {
          g_string_append_c (out, '"');
          for (const char *p = field; *p != '\0'; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }

      if (fields[i] == NULL)
        break;
    }

  g_string_append (out, "\r\n");
}

GPtrArray *
plt_csv_parse (const char  *text,
               GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;
  gboolean quoted = FALSE;
  gboolean was_quoted = FALSE;
  gboolean record_open = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  while (*p != '\0')
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p += 2;
            }
          else if (*p == '"')
            {
              quoted = FALSE;
              p++;
            }
          else
            g_string_append_c (field, *p++);
          continue;
        }

      if (*p == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = record_open = TRUE;
          p++;
        }
      else if (*p == ',')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          record_open = TRUE;
          p++;
        }
      else if (*p == '\r' || *p == '\n')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
          g_string_truncate (field, 0);
          was_quoted = record_open = FALSE;
          p += (*p == '\r' && p[1] == '\n') ? 2 : 1;
        }
      else if (was_quoted)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "text after a closing quote, at byte %td", p - text);
          return NULL;
        }
      else
        {
          g_string_append_c (field, *p++);
          record_open = TRUE;
        }
    }

  if (quoted)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "a quoted field never ends");
      return NULL;
    }

  if (record_open || field->len > 0)
    {
      g_ptr_array_add (fields, g_strdup (field->str));
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
    }

  return g_steal_pointer (&records);
}
