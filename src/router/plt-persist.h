/* plt-persist.h — the ACD in the router's database: its configuration, every
 * contact and every agent state (docs/router.md, "The database")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-acd.h"
#include "plt-db.h"
#include "plt-scenario.h"

G_BEGIN_DECLS

/* The writes of one second go in one transaction. */
#define PLT_PERSIST_FLUSH_MS 1000
/* Records are kept this long by default (acd_settings.retention_days), and
 * deleted at most this many rows of each table a second after. */
#define PLT_PERSIST_RETENTION_DAYS 92
#define PLT_PERSIST_PURGE_ROWS     5000

#define PLT_TYPE_PERSIST (plt_persist_get_type ())
G_DECLARE_FINAL_TYPE (PltPersist, plt_persist, PLT, PERSIST, GObject)

/*
 * How a router uses it:
 *
 *   persist = plt_persist_new (db, &error);                 // migrations
 *   scenario = plt_persist_load_config (persist, file_scenario, &error);
 *   plt_persist_load_history (persist, scenario, now, &history, &error);
 *   acd = plt_acd_new_with_history (scenario, seed, now, &history);
 *   plt_persist_attach (persist, acd);                      // writes start
 *   …
 *   plt_persist_close (persist, &error);                    // at a clean stop
 */

/* Brings the "acd" tables of @db to the current schema. Returns: (transfer
 * full) (nullable) */
PltPersist  *plt_persist_new          (PltDb         *db,
                                       GError       **error);

/* The configuration: at the first start (or when @scenario has another
 * name than the one the database was filled from), @scenario's teams,
 * agents, queues, skills and reason codes are written to the database;
 * then the database is the source of truth for them. Returns: (transfer
 * full): @scenario with the database's configuration, and @scenario's
 * traffic, schedules and behaviour. */
PltScenario *plt_persist_load_config  (PltPersist    *self,
                                       PltScenario   *scenario,
                                       GError       **error);

/* What the database holds of the day of @now_ms (in @scenario's time
 * zone): its finished contacts and closed agent intervals, and the last
 * contact number. Clear @history with plt_acd_history_clear(). */
gboolean     plt_persist_load_history (PltPersist    *self,
                                       PltScenario   *scenario,
                                       gint64         now_ms,
                                       PltAcdHistory *history,
                                       GError       **error);

/* Records every finished contact and closed interval of @acd from now on
 * — and those it already has, the warm-up's, when the history was empty —
 * written every PLT_PERSIST_FLUSH_MS by a timer on the thread-default main
 * context. */
void         plt_persist_attach       (PltPersist    *self,
                                       PltAcd        *acd);
/* Writes what is pending, in one transaction. */
gboolean     plt_persist_flush        (PltPersist    *self,
                                       GError       **error);
/* The clean stop: writes what is pending, the contacts still in progress
 * (cut by the stop: outcome "none", ended now, unless their talk had ended)
 * and the agents' current intervals (closed now), then detaches. Nothing is
 * lost. */
gboolean     plt_persist_close        (PltPersist    *self,
                                       GError       **error);
/* Deletes up to PLT_PERSIST_PURGE_ROWS contacts and as many intervals that
 * finished more than the retention before @now_ms (the timer does it every
 * second); @n_deleted: (out) (optional) how many rows went. */
gboolean     plt_persist_purge        (PltPersist    *self,
                                       gint64         now_ms,
                                       guint         *n_deleted,
                                       GError       **error);
/* Rows waiting for the next flush. */
guint        plt_persist_get_n_pending (PltPersist   *self);

/* For any thread: reads the database file @path with a read-only
 * connection of its own (WAL lets it read while the router writes) and
 * calls @contact_func with each contact that finished in [@from, @until)
 * and was enqueued before @to, by finish time, then @interval_func (may be
 * NULL) with each agent interval that ended in (@from, @until] and started
 * before @to, by end time. A function returning FALSE stops its table. */
gboolean     plt_persist_read_range   (const char            *path,
                                       gint64                 from,
                                       gint64                 to,
                                       gint64                 until,
                                       PltContactRecordFunc   contact_func,
                                       PltAgentIntervalFunc   interval_func,
                                       gpointer               user_data,
                                       GError               **error);

G_END_DECLS
