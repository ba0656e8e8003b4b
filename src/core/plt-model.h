/* plt-model.h — the console's picture of the call center
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "plt-protocol.h"
#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_TYPE_MODEL (plt_model_get_type ())
G_DECLARE_FINAL_TYPE (PltModel, plt_model, PLT, MODEL, GObject)

/*
 * PltModel owns one PltStore per entity kind and applies protocol data to
 * them. Changes are announced in batches: plt_model_flush() flushes every
 * store; the model schedules it by itself on a timer ("flush-interval", ms,
 * default 50) whenever something is pending, so that a burst of messages
 * makes one ::items-changed per contiguous range per tick.
 *
 * Signals:
 *   "flushed" ()  — after every flush that announced something
 */

PltModel   *plt_model_new                (void);
/* Returns: (transfer none): GListModel of PltTeam / PltAgent / PltQueue / PltCall */
PltStore   *plt_model_get_teams          (PltModel  *self);
PltStore   *plt_model_get_agents         (PltModel  *self);
PltStore   *plt_model_get_queues         (PltModel  *self);
PltStore   *plt_model_get_calls          (PltModel  *self);

PltTeam    *plt_model_lookup_team        (PltModel   *self,
                                          const char *id);
PltAgent   *plt_model_lookup_agent       (PltModel   *self,
                                          const char *id);
PltQueue   *plt_model_lookup_queue       (PltModel   *self,
                                          const char *id);
PltCall    *plt_model_lookup_call        (PltModel   *self,
                                          const char *id);

/* Applies one delta message (*.update / *.remove). Stale versions are
 * ignored. Returns TRUE if the model changed. */
gboolean    plt_model_apply_delta        (PltModel         *self,
                                          const PltMessage *message);

/* Applies live figures (kpi.update, not a delta) to the entity they are
 * about: the queue's "kpi-today" or "kpi-rolling" is replaced and
 * notified at once (no flush: the stores' items do not change); an agent's
 * figures of today (plt_agent_set_kpi()) are sort keys of the agent board,
 * so a change also marks the agent changed for the next flush. Figures of
 * an entity the model does not hold, of teams, or of an unknown period are
 * dropped. Returns TRUE if kept. */
gboolean    plt_model_apply_kpi          (PltModel                *self,
                                          const PltKpiUpdateData  *data);

/* Replaces the whole state with the given entities in one step: existing
 * items are updated in place (forced, whatever their version), new ones
 * added, absent ones removed; then flushes. Arrays hold Plt*Data, borrowed. */
void        plt_model_replace_all        (PltModel  *self,
                                          GPtrArray *teams,
                                          GPtrArray *agents,
                                          GPtrArray *queues,
                                          GPtrArray *calls);
void        plt_model_clear              (PltModel  *self);
void        plt_model_flush              (PltModel  *self);
/* As plt_model_flush(), but announces at most @max_agents of the agents
 * changed in place (plt_store_flush_some()); the others wait for the next
 * flush, which the model schedules. */
void        plt_model_flush_some         (PltModel  *self,
                                          guint      max_agents);
void        plt_model_set_flush_interval (PltModel  *self,
                                          guint      interval_ms);
guint       plt_model_get_flush_interval (PltModel  *self);

G_END_DECLS
