/* plt-kpi-service-private.h — shared by the files of the router's KPI
 * service, not public
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-kpi-service.h"

G_BEGIN_DECLS

struct _PltKpiService
{
  PltAcd        *acd;
  PltKpiConfig  *config;
  PltKpiLive    *live;
  GHashTable    *pending[3];      /* by scope: ids whose figures changed */
  GHashTable    *last_push[3];    /* by scope: id → monotonic µs of the last push */
  GHashTable    *subscribed;      /* session id → mask of scopes (1 << PltKpiScope) */
  GPtrArray     *scratch[3];      /* for plt_kpi_live_take_changed() */
  gint64         last_refresh_us;
  gboolean       calls_changed;
  gboolean       read_with_plan;  /* the day was read with a plan function set */
  PltPersist    *persist;         /* past days: plt_kpi_service_set_history() */
  char          *history_path;
};

/* An error that answers the command @reply_to, encoded without seq.
 * Returns: (transfer full) */
char *_plt_kpi_service_encode_error (const char       *reply_to,
                                     const char       *epoch,
                                     PltProtocolError  code,
                                     const char       *text);

G_END_DECLS
