/* plt-object-private.h — helpers shared by the entity objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Each entity records which properties an update changed as bits of a mask
 * (bit n = property n), then notifies them in one frozen batch, once every
 * field holds its new value. */
#define PLT_PROP_BIT(prop) (G_GUINT64_CONSTANT (1) << (prop))

static inline gboolean
_plt_set_string (char       **field,
                 const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static inline void
_plt_notify_mask (GObject     *object,
                  GParamSpec **pspecs,
                  guint        n_pspecs,
                  guint64      mask)
{
  if (mask == 0)
    return;

  g_object_freeze_notify (object);
  for (guint i = 1; i < n_pspecs; i++)
    if (mask & PLT_PROP_BIT (i))
      g_object_notify_by_pspec (object, pspecs[i]);
  g_object_thaw_notify (object);
}

G_END_DECLS
