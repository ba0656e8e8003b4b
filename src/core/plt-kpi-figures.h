/* plt-kpi-figures.h — the live figures of one entity and period, as a kpi.update brought them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-kpi.h"
#include "plt-protocol.h"

G_BEGIN_DECLS

/**
 * PltKpiFigures:
 * @period: today or the rolling window
 * @from: the period's start (router ms)
 * @to: the router's clock when the figures were computed (ms)
 * @has_sl_variant: whether @sl_variant was sent (queues only)
 * @sl_variant: how abandons count in @values.service_level
 * @sl_threshold_s: T, in seconds (0: not sent)
 * @values: the figures (NaN: undefined)
 *
 * Immutable and reference-counted: a new kpi.update makes new figures, so
 * that whoever holds the old ones keeps them whole.
 */
typedef struct
{
  PltKpiPeriod  period;
  gint64        from;
  gint64        to;
  gboolean      has_sl_variant;
  PltSlVariant  sl_variant;
  guint         sl_threshold_s;
  PltKpiValues  values;
} PltKpiFigures;

/* The short-abandon threshold S the router applies (docs/kpis.md): the
 * protocol does not carry it. */
#define PLT_KPI_FIGURES_SHORT_ABANDON_S 5

#define PLT_TYPE_KPI_FIGURES (plt_kpi_figures_get_type ())

GType          plt_kpi_figures_get_type    (void) G_GNUC_CONST;
/* Returns: (transfer full) (nullable): the figures of @data, or NULL when
 * its period or SL variant is one this build does not know */
PltKpiFigures *plt_kpi_figures_new         (const PltKpiUpdateData *data);
PltKpiFigures *plt_kpi_figures_ref         (PltKpiFigures          *self);
void           plt_kpi_figures_unref       (PltKpiFigures          *self);
/* Same period, bounds, variant, T and values (two NaN are equal). */
gboolean       plt_kpi_figures_equal       (const PltKpiFigures    *a,
                                            const PltKpiFigures    *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltKpiFigures, plt_kpi_figures_unref)

G_END_DECLS
