/* plt-agent.h — one operator, as the console sees them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-kpi-figures.h"
#include "plt-protocol.h"
#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_TYPE_AGENT (plt_agent_get_type ())
G_DECLARE_FINAL_TYPE (PltAgent, plt_agent, PLT, AGENT, GObject)

/*
 * Properties (all read-only, notified only when the value changes):
 *   "id" string, "version" int64, "name" string, "team-id" string,
 *   "team-name" string (filled by PltModel from the team store),
 *   "status" PltAgentStatus, "reason" string (nullable),
 *   "activity" PltAgentActivity, "state" PltAgentState (derived),
 *   "since" int64 (ms, router clock), "queue-id" string (nullable),
 *   "call-id" string (nullable)
 *   "handled" int64, "aht" double (s), "occupancy" double (0–1),
 *   "adherence" double (0–1): today's figures from the router's
 *   kpi.update; −1 while unknown (or undefined, as adherence without a plan)
 *   "stress" uint: the floor's stress signals (PltStressKind flags)
 */

PltAgent         *plt_agent_new            (const char *id);
const char       *plt_agent_get_id         (PltAgent   *self);
gint64            plt_agent_get_version    (PltAgent   *self);
const char       *plt_agent_get_name       (PltAgent   *self);
const char       *plt_agent_get_team_id    (PltAgent   *self);
const char       *plt_agent_get_team_name  (PltAgent   *self);
PltAgentStatus    plt_agent_get_status     (PltAgent   *self);
const char       *plt_agent_get_reason     (PltAgent   *self);
PltAgentActivity  plt_agent_get_activity   (PltAgent   *self);
PltAgentState     plt_agent_get_state      (PltAgent   *self);
gint64            plt_agent_get_since      (PltAgent   *self);
const char       *plt_agent_get_queue_id   (PltAgent   *self);
const char       *plt_agent_get_call_id    (PltAgent   *self);
/* Returns: (transfer none): the ids of the queues the agent serves */
const char * const *plt_agent_get_queues   (PltAgent   *self);
gboolean          plt_agent_serves_queue   (PltAgent   *self,
                                            const char *queue_id);

/* Used by PltModel. Returns TRUE when anything changed. Ignores @data when
 * its version is not newer than the agent's, unless @force. */
gboolean          plt_agent_apply          (PltAgent           *self,
                                            const PltAgentData *data,
                                            gboolean            force);
void              plt_agent_set_team_name  (PltAgent   *self,
                                            const char *team_name);
/* Returns: (transfer full): the agent as protocol data (for comparisons) */
PltAgentData     *plt_agent_to_data        (PltAgent   *self);
/* The agent's skill level on @queue_id (1 is the best), or 0 if they do
 * not serve it. */
guint             plt_agent_get_skill_level (PltAgent   *self,
                                             const char *queue_id);

/**
 * PltAgentSortKeys:
 *
 * What the views were last told of the agent (plt_agent_commit(), called
 * by the agents' store as it announces the agent): the values sorted
 * views order by. An agent changes in place as deltas arrive, before its
 * store announces it; a sort model comparing the live values would find
 * an order that no longer holds.
 */
typedef struct
{
  char          *name;
  char          *team_name;
  char          *queue_id;
  char          *call_id;
  PltAgentState  state;
  gint64         since;
  gint64         handled;
  double         aht_s;
  double         occupancy;
  double         adherence;
} PltAgentSortKeys;

/* Copies the agent's current values to its sort keys. */
void              plt_agent_commit          (PltAgent   *self);
/* Returns: (transfer none) */
const PltAgentSortKeys *plt_agent_get_sort_keys (PltAgent *self);

/* Keeps today's figures of @figures (other periods are ignored). Returns
 * TRUE when a figure changed. */
gboolean          plt_agent_set_kpi         (PltAgent            *self,
                                             const PltKpiFigures *figures);
gint64            plt_agent_get_handled     (PltAgent   *self);
double            plt_agent_get_aht         (PltAgent   *self);
double            plt_agent_get_occupancy   (PltAgent   *self);
double            plt_agent_get_adherence   (PltAgent   *self);
guint             plt_agent_get_stress      (PltAgent   *self);
void              plt_agent_set_stress      (PltAgent   *self,
                                             guint       stress);

G_END_DECLS
