/* plt-kpi-figures.c — the live figures of one entity and period
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "plt-kpi-figures.h"

G_DEFINE_BOXED_TYPE (PltKpiFigures, plt_kpi_figures, plt_kpi_figures_ref, plt_kpi_figures_unref)

PltKpiFigures *
plt_kpi_figures_new (const PltKpiUpdateData *data)
{
  PltKpiFigures *self;
  PltKpiPeriod period;
  PltSlVariant variant = PLT_SL_ABANDONS_MISSED;

  g_return_val_if_fail (data != NULL, NULL);

  if (!plt_kpi_period_from_string (data->period, &period))
    return NULL;
  if (data->sl_variant != NULL && !plt_sl_variant_from_string (data->sl_variant, &variant))
    return NULL;

  self = g_atomic_rc_box_new0 (PltKpiFigures);
  self->period = period;
  self->from = data->from;
  self->to = data->to;
  self->has_sl_variant = data->sl_variant != NULL;
  self->sl_variant = variant;
  self->sl_threshold_s = data->sl_threshold_s;
  self->values = data->values;

  return self;
}

PltKpiFigures *
plt_kpi_figures_ref (PltKpiFigures *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
plt_kpi_figures_unref (PltKpiFigures *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release (self);
}

gboolean
plt_kpi_figures_equal (const PltKpiFigures *a,
                       const PltKpiFigures *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->period == b->period &&
         a->from == b->from &&
         a->to == b->to &&
         a->has_sl_variant == b->has_sl_variant &&
         a->sl_variant == b->sl_variant &&
         a->sl_threshold_s == b->sl_threshold_s &&
         plt_kpi_values_equal (&a->values, &b->values);
}
