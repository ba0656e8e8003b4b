/* plt-commands.c — the supervisor's commands in the router
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "plt-commands.h"
#include "plt-history.h"
#include "plt-persist.h"
#include "plt-protocol-supervisor.h"
#include "plt-router-private.h"

/*
 * Every command goes the same way: the session's view says whether its role
 * and scope allow it (plt_view_may_act_on(), the check cmd.agent.status
 * always had), the ACD applies it at the router's clock, the answer goes
 * back (result, or error with reply_to) and a row goes to the audit table,
 * refusals included.
 */

struct _PltCommands
{
  PltRouter *router;
  PltDb     *db;
  guint64    next_message;
};

/* The audit is append-only; an index serves "what happened to this agent". */
static const PltDbMigration audit_migrations[] = {
  { 1,
    "CREATE TABLE audit ("
    "  id      INTEGER PRIMARY KEY,"
    "  at      INTEGER NOT NULL,"
    "  user    TEXT,"
    "  role    TEXT NOT NULL,"
    "  action  TEXT NOT NULL,"
    "  target  TEXT,"
    "  detail  TEXT NOT NULL,"
    "  result  TEXT NOT NULL,"
    "  message TEXT);"
    "CREATE INDEX audit_by_target ON audit (target, at);" },
};

PltCommands *
_plt_commands_new (PltRouter  *router,
                   PltDb      *db,
                   GError    **error)
{
  PltCommands *self;

  if (!plt_db_migrate (db, PLT_COMMANDS_AUDIT_COMPONENT, audit_migrations,
                       G_N_ELEMENTS (audit_migrations), error))
    return NULL;

  self = g_new0 (PltCommands, 1);
  self->router = router;
  self->db = g_object_ref (db);
  self->next_message = 1;

  return self;
}

void
_plt_commands_free (PltCommands *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->db);
  g_free (self);
}

gboolean
_plt_commands_handles (PltMessageType type)
{
  return type == PLT_MESSAGE_CMD_AGENT_STATUS ||
         type == PLT_MESSAGE_CMD_AGENT_SKILLS ||
         type == PLT_MESSAGE_CMD_MESSAGE ||
         type == PLT_MESSAGE_HISTORY_QUERY;
}

/* Answers and audit ----------------------------------------------------- */

static void
audit (PltCommands      *self,
       PltSession       *session,
       const char       *action,
       const char       *target,
       JsonBuilder      *detail,
       PltProtocolError  code,
       const char       *message)
{
  const PltUser *user = _plt_session_get_user (session);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail_text = NULL;

  json_builder_end_object (detail);
  root = json_builder_get_root (detail);
  detail_text = json_to_string (root, FALSE);

  stmt = plt_db_prepare (self->db,
                         "INSERT INTO audit (at, user, role, action, target, detail, result, message) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &error);
  if (stmt == NULL)
    {
      g_warning ("Cannot write the audit: %s", error->message);
      return;
    }

  sqlite3_bind_int64 (stmt, 1, _plt_router_now (self->router));
  if (user != NULL)
    sqlite3_bind_text (stmt, 2, user->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, user != NULL ? plt_role_to_string (user->role) : "admin", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  if (target != NULL)
    sqlite3_bind_text (stmt, 5, target, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, detail_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, message == NULL ? "ok" : plt_protocol_error_code_to_string (code), -1, SQLITE_STATIC);
  if (message != NULL)
    sqlite3_bind_text (stmt, 8, message, -1, SQLITE_TRANSIENT);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_warning ("Cannot write the audit: %s", sqlite3_errmsg (plt_db_get_handle (self->db)));
}

static void
reply_ok (PltCommands *self,
          PltSession  *session,
          const char  *reply_to)
{
  g_autofree char *frame = plt_protocol_encode_result (_plt_session_get_seq (session),
                                                       self->router->epoch, reply_to, TRUE);

  _plt_session_send_frame (session, frame);
}

static void
refuse (PltCommands      *self,
        PltSession       *session,
        const char       *reply_to,
        PltProtocolError  code,
        const char       *text)
{
  g_autofree char *frame = NULL;

  g_info ("session %s: command %s refused (%s): %s", _plt_session_get_id (session), reply_to,
          plt_protocol_error_code_to_string (code), text);
  frame = plt_protocol_encode_error_full (_plt_session_get_seq (session), self->router->epoch,
                                          code, text, FALSE, reply_to, 0);
  _plt_session_send_frame (session, frame);
}

/* Refuses and audits. */
static void
refuse_audited (PltCommands      *self,
                PltSession       *session,
                const char       *reply_to,
                const char       *action,
                const char       *target,
                JsonBuilder      *detail,
                PltProtocolError  code,
                const char       *text)
{
  refuse (self, session, reply_to, code, text);
  audit (self, session, action, target, detail, code, text);
}

static JsonBuilder *
detail_new (void)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  return b;
}

static void
detail_add (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static PltProtocolError
code_of_acd_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return PLT_PROTOCOL_ERROR_NOT_FOUND;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
    return PLT_PROTOCOL_ERROR_CONFLICT;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    return PLT_PROTOCOL_ERROR_BAD_REQUEST;
  return PLT_PROTOCOL_ERROR_INTERNAL;
}

/* The role and scope for acting on @agent_id; refuses (and audits) if not.
 * Returns: (transfer none) (nullable): the agent, when allowed and known */
static const PltAgentData *
check_agent (PltCommands *self,
             PltSession  *session,
             const char  *reply_to,
             const char  *action,
             const char  *agent_id,
             JsonBuilder *detail,
             gboolean    *allowed)
{
  const PltAgentData *agent = _plt_router_lookup_agent (self->router, agent_id);
  g_autoptr(GError) error = NULL;

  *allowed = FALSE;
  if (!plt_view_may_act_on (_plt_session_get_view (session), agent, agent_id, &error))
    {
      refuse_audited (self, session, reply_to, action, agent_id, detail,
                      PLT_PROTOCOL_ERROR_FORBIDDEN, error->message);
      return NULL;
    }

  if (agent == NULL)
    {
      g_autofree char *text = g_strdup_printf ("there is no agent “%s”", agent_id);

      refuse_audited (self, session, reply_to, action, agent_id, detail,
                      PLT_PROTOCOL_ERROR_NOT_FOUND, text);
      return NULL;
    }

  *allowed = TRUE;
  return agent;
}

/* The ACD applies commands at the router's clock. */
static void
catch_up (PltCommands *self)
{
  PltRouter *router = self->router;

  if (router->running && !router->paused)
    plt_acd_advance_to (router->acd, _plt_router_now (router));
}

/* cmd.agent.status ------------------------------------------------------- */

static void
handle_agent_status (PltCommands      *self,
                     PltSession       *session,
                     const PltMessage *message)
{
  const PltAgentStatusCommandData *cmd = &message->u.cmd_agent_status;
  const char *action = plt_message_type_to_string (message->type);
  g_autoptr(JsonBuilder) detail = detail_new ();
  g_autoptr(GError) error = NULL;
  gboolean allowed;

  detail_add (detail, "status", plt_agent_status_to_string (cmd->status));
  detail_add (detail, "reason", cmd->reason);

  check_agent (self, session, cmd->id, action, cmd->agent, detail, &allowed);
  if (!allowed)
    return;

  if (cmd->status == PLT_AGENT_STATUS_UNKNOWN)
    {
      refuse_audited (self, session, cmd->id, action, cmd->agent, detail, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                      "field “data.status” must be available, paused or logged_out");
      return;
    }

  catch_up (self);
  if (!plt_acd_set_agent_status (self->router->acd, cmd->agent, cmd->status, cmd->reason, &error))
    {
      refuse_audited (self, session, cmd->id, action, cmd->agent, detail, code_of_acd_error (error), error->message);
      return;
    }

  g_message ("session %s: set agent %s to %s", _plt_session_get_id (session), cmd->agent,
             plt_agent_status_to_string (cmd->status));
  reply_ok (self, session, cmd->id);
  audit (self, session, action, cmd->agent, detail, 0, NULL);
}

/* cmd.agent.skills ------------------------------------------------------- */

static void
handle_agent_skills (PltCommands      *self,
                     PltSession       *session,
                     const PltMessage *message)
{
  const PltSupervisorMessage *cmd = message->u.supervisor;
  const char *action = plt_message_type_to_string (message->type);
  g_autoptr(JsonBuilder) detail = detail_new ();
  g_autoptr(GError) error = NULL;
  gboolean allowed;

  json_builder_set_member_name (detail, "skills");
  json_builder_begin_array (detail);
  for (guint i = 0; i < cmd->n_skills; i++)
    {
      json_builder_begin_object (detail);
      detail_add (detail, "queue", cmd->skills[i].queue);
      json_builder_set_member_name (detail, "level");
      json_builder_add_int_value (detail, cmd->skills[i].level);
      json_builder_end_object (detail);
    }
  json_builder_end_array (detail);

  check_agent (self, session, cmd->id, action, cmd->agent, detail, &allowed);
  if (!allowed)
    return;

  catch_up (self);
  if (!plt_acd_set_agent_skills (self->router->acd, cmd->agent, cmd->skills, cmd->n_skills, &error))
    {
      refuse_audited (self, session, cmd->id, action, cmd->agent, detail, code_of_acd_error (error), error->message);
      return;
    }

  g_message ("session %s: set the skills of agent %s (%u queues)", _plt_session_get_id (session),
             cmd->agent, cmd->n_skills);
  reply_ok (self, session, cmd->id);
  audit (self, session, action, cmd->agent, detail, 0, NULL);
}

/* cmd.message ------------------------------------------------------------ */

/* Every session of an agent account whose agent is in @recipients. */
static void
deliver (PltCommands                *self,
         GHashTable                 *recipients,
         const PltSupervisorMessage *payload)
{
  g_autofree char *text = plt_protocol_encode_supervisor (-1, self->router->epoch,
                                                          PLT_MESSAGE_MESSAGE_NEW, payload);
  GPtrArray *sessions = self->router->sessions;

  for (guint i = 0; i < sessions->len; i++)
    {
      PltSession *other = g_ptr_array_index (sessions, i);
      const PltUser *user = _plt_session_get_user (other);

      if (user != NULL && user->role == PLT_ROLE_AGENT && user->agent != NULL &&
          g_hash_table_contains (recipients, user->agent))
        _plt_session_send_event (other, text);
    }
}

static void
handle_message (PltCommands      *self,
                PltSession       *session,
                const PltMessage *message)
{
  const PltSupervisorMessage *cmd = message->u.supervisor;
  const char *action = plt_message_type_to_string (message->type);
  const PltUser *user = _plt_session_get_user (session);
  const char *target = cmd->to_agent != NULL ? cmd->to_agent : cmd->to_team;
  g_autoptr(JsonBuilder) detail = detail_new ();
  g_autoptr(GHashTable) recipients = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(PltSupervisorMessage) delivered = plt_supervisor_message_new ();
  g_autofree char *message_id = NULL;
  g_autoptr(GPtrArray) agents = NULL;
  gint64 now;

  detail_add (detail, "to_agent", cmd->to_agent);
  detail_add (detail, "to_team", cmd->to_team);
  detail_add (detail, "text", cmd->text);

  if (user != NULL && (user->role == PLT_ROLE_AGENT || user->role == PLT_ROLE_WALLBOARD))
    {
      refuse_audited (self, session, cmd->id, action, target, detail, PLT_PROTOCOL_ERROR_FORBIDDEN,
                      user->role == PLT_ROLE_AGENT ? "an agent account may not send messages"
                                                   : "a wallboard account is read-only");
      return;
    }

  agents = _plt_router_list_agents (self->router);
  if (cmd->to_agent != NULL)
    {
      gboolean allowed;

      check_agent (self, session, cmd->id, action, cmd->to_agent, detail, &allowed);
      if (!allowed)
        return;
      g_hash_table_add (recipients, (gpointer) cmd->to_agent);
    }
  else
    {
      g_autoptr(PltTeamData) team = plt_acd_dup_team (self->router->acd, cmd->to_team);

      if (user != NULL && user->role == PLT_ROLE_SUPERVISOR &&
          !g_strv_contains ((const char * const *) user->teams, cmd->to_team))
        {
          g_autofree char *text = g_strdup_printf ("team “%s” is not one you supervise", cmd->to_team);

          refuse_audited (self, session, cmd->id, action, target, detail, PLT_PROTOCOL_ERROR_FORBIDDEN, text);
          return;
        }
      if (team == NULL)
        {
          g_autofree char *text = g_strdup_printf ("there is no team “%s”", cmd->to_team);

          refuse_audited (self, session, cmd->id, action, target, detail, PLT_PROTOCOL_ERROR_NOT_FOUND, text);
          return;
        }
      for (guint i = 0; i < agents->len; i++)
        {
          const PltAgentData *agent = g_ptr_array_index (agents, i);

          if (g_strcmp0 (agent->team, cmd->to_team) == 0)
            g_hash_table_add (recipients, agent->id);
        }
    }

  now = _plt_router_now (self->router);
  message_id = g_strdup_printf ("m-%" G_GUINT64_FORMAT, self->next_message++);
  detail_add (detail, "message", message_id);

  reply_ok (self, session, cmd->id);
  audit (self, session, action, target, detail, 0, NULL);

  delivered->id = g_strdup (message_id);
  delivered->to_agent = g_strdup (cmd->to_agent);
  delivered->to_team = g_strdup (cmd->to_team);
  delivered->text = g_strdup (cmd->text);
  delivered->from = g_strdup (user != NULL ? user->name : NULL);
  delivered->at = now;
  deliver (self, recipients, delivered);

  /* The simulated agents read their messages at once: each acknowledges
   * to the sender, in the agents' order. */
  for (guint i = 0; i < agents->len; i++)
    {
      const PltAgentData *agent = g_ptr_array_index (agents, i);
      g_autoptr(PltSupervisorMessage) ack = NULL;
      g_autofree char *text = NULL;

      if (!g_hash_table_contains (recipients, agent->id))
        continue;

      ack = plt_supervisor_message_new ();
      ack->id = g_strdup (message_id);
      ack->reply_to = g_strdup (cmd->id);
      ack->agent = g_strdup (agent->id);
      ack->at = now;
      text = plt_protocol_encode_supervisor (-1, self->router->epoch, PLT_MESSAGE_MESSAGE_ACK, ack);
      _plt_session_send_event (session, text);
    }
}

/* history.query ---------------------------------------------------------- */

typedef struct
{
  GHashTable *agents;      /* the agents wanted; NULL: collect none */
  GHashTable *counted;     /* the agents whose states the queue counts need */
  gint64      from;
  gint64      to;
  GPtrArray  *out;         /* of the agents wanted */
  GPtrArray  *all;         /* of the agents counted */
} IntervalWalk;

static gboolean
collect_interval_cb (const PltAgentInterval *interval,
                     gpointer                user_data)
{
  IntervalWalk *walk = user_data;

  if (interval->start >= walk->to || (interval->end != 0 && interval->end <= walk->from))
    return TRUE;
  if (g_hash_table_contains (walk->agents, interval->agent))
    g_ptr_array_add (walk->out, plt_agent_interval_copy (interval));
  if (g_hash_table_contains (walk->counted, interval->agent))
    g_ptr_array_add (walk->all, plt_agent_interval_copy (interval));
  return TRUE;
}

typedef struct
{
  GHashTable *queues;
  gint64      from;
  gint64      to;
  GPtrArray  *out;
} ContactWalk;

static gboolean
collect_contact_cb (const PltContactRecord *record,
                    gpointer                user_data)
{
  ContactWalk *walk = user_data;
  gint64 leave = record->answered != 0 ? record->answered : record->ended;

  if (!g_hash_table_contains (walk->queues, record->queue) ||
      record->enqueued > walk->to || (leave != 0 && leave < walk->from))
    return TRUE;
  g_ptr_array_add (walk->out, plt_contact_record_copy (record));
  return TRUE;
}

/* Earlier days from the database, a day at a time. */
static gboolean
collect_past_days (PltCommands  *self,
                   IntervalWalk *intervals,
                   ContactWalk  *contacts,
                   gint64        until,
                   GError      **error)
{
  PltRouter *router = self->router;
  PltScenario *scenario = plt_acd_get_scenario (router->acd);
  gint64 day = plt_acd_day_start_for (scenario, intervals->from);

  if (router->persist == NULL || !plt_persist_flush (router->persist, error))
    return router->persist == NULL;

  while (day < until)
    {
      PltAcdHistory history = { 0 };
      gint64 next = plt_acd_day_start_for (scenario, day + 36 * 3600 * 1000);

      if (!plt_persist_load_history (router->persist, scenario, day, &history, error))
        return FALSE;
      for (guint i = 0; i < history.intervals->len; i++)
        collect_interval_cb (g_ptr_array_index (history.intervals, i), intervals);
      for (guint i = 0; i < history.contacts->len; i++)
        collect_contact_cb (g_ptr_array_index (history.contacts, i), contacts);
      plt_acd_history_clear (&history);
      day = next;
    }

  return TRUE;
}

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const PltAgentInterval *ia = *(PltAgentInterval **) a;
  const PltAgentInterval *ib = *(PltAgentInterval **) b;
  int by_agent = g_strcmp0 (ia->agent, ib->agent);

  if (by_agent != 0)
    return by_agent;
  return ia->start < ib->start ? -1 : ia->start > ib->start;
}

/* The ids asked for, or every one the view sees; NULL with a refusal. */
static GHashTable *
resolve_ids (PltCommands   *self,
             PltSession    *session,
             const char    *reply_to,
             PltAcdEntity   kind,
             GPtrArray     *all,
             GStrv          asked)
{
  PltView *view = _plt_session_get_view (session);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < all->len; i++)
    {
      gpointer data = g_ptr_array_index (all, i);
      /* Agent and queue data both start with the id. */
      const char *id = *(const char **) data;
      gpointer visible = plt_view_filter (view, kind, data);

      if (visible == NULL)
        continue;
      g_hash_table_insert (by_id, (gpointer) id, data);
      if (kind == PLT_ACD_ENTITY_AGENT)
        plt_agent_data_free (visible);
      else
        plt_queue_data_free (visible);
    }

  if (asked == NULL || asked[0] == NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, by_id);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (ids, key);
      return g_steal_pointer (&ids);
    }

  for (guint i = 0; asked[i] != NULL; i++)
    {
      if (!g_hash_table_contains (by_id, asked[i]))
        {
          g_autofree char *text =
            g_strdup_printf (kind == PLT_ACD_ENTITY_AGENT ? "agent “%s” is not one you may see"
                                                          : "queue “%s” is not one you may see",
                             asked[i]);

          refuse (self, session, reply_to, PLT_PROTOCOL_ERROR_FORBIDDEN, text);
          return NULL;
        }
      g_hash_table_add (ids, asked[i]);
    }

  return g_steal_pointer (&ids);
}

static void
send_history (PltCommands *self,
              PltSession  *session,
              const char  *reply_to,
              GPtrArray   *intervals,
              GPtrArray   *samples)
{
  guint n_parts = MAX ((intervals->len + PLT_PROTOCOL_MAX_HISTORY_INTERVALS - 1) / PLT_PROTOCOL_MAX_HISTORY_INTERVALS,
                       (samples->len + PLT_PROTOCOL_MAX_HISTORY_SAMPLES - 1) / PLT_PROTOCOL_MAX_HISTORY_SAMPLES);

  n_parts = MAX (n_parts, 1);
  for (guint part = 0; part < n_parts; part++)
    {
      g_autoptr(PltSupervisorMessage) payload = plt_supervisor_message_new ();
      g_autofree char *frame = NULL;

      payload->reply_to = g_strdup (reply_to);
      payload->part = part;
      payload->last = part + 1 == n_parts;
      /* Borrowed for the encoding only. */
      g_ptr_array_set_free_func (payload->intervals, NULL);
      g_ptr_array_set_free_func (payload->queue_samples, NULL);
      for (guint i = part * PLT_PROTOCOL_MAX_HISTORY_INTERVALS;
           i < MIN (intervals->len, (part + 1) * PLT_PROTOCOL_MAX_HISTORY_INTERVALS); i++)
        g_ptr_array_add (payload->intervals, g_ptr_array_index (intervals, i));
      for (guint i = part * PLT_PROTOCOL_MAX_HISTORY_SAMPLES;
           i < MIN (samples->len, (part + 1) * PLT_PROTOCOL_MAX_HISTORY_SAMPLES); i++)
        g_ptr_array_add (payload->queue_samples, g_ptr_array_index (samples, i));

      frame = plt_protocol_encode_supervisor (_plt_session_get_seq (session), self->router->epoch,
                                              PLT_MESSAGE_HISTORY_RESULT, payload);
      _plt_session_send_frame (session, frame);
    }
}

/* Queue samples of one query at most: past it, ask for a longer step. */
#define MAX_SAMPLES 100000

static void
handle_history (PltCommands      *self,
                PltSession       *session,
                const PltMessage *message)
{
  const PltSupervisorMessage *query = message->u.supervisor;
  PltRouter *router = self->router;
  gint64 step_ms = (gint64) (query->step_s != 0 ? query->step_s : 60) * 1000;
  g_autoptr(GPtrArray) agents = NULL;
  g_autoptr(GPtrArray) queue_data = NULL;
  g_autoptr(GHashTable) agent_ids = NULL;
  g_autoptr(GHashTable) queue_ids = NULL;
  g_autoptr(GHashTable) counted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) agent_queues = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_interval_free);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_interval_free);
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_contact_record_free);
  g_autoptr(GPtrArray) queue_list = g_ptr_array_new ();
  g_autoptr(GPtrArray) samples = NULL;
  g_autoptr(GError) error = NULL;
  IntervalWalk interval_walk;
  ContactWalk contact_walk;
  gint64 day_start;
  gint64 to;

  /* First the ACD up to now: advancing it publishes agents anew, and the
   * list below borrows the published data. */
  catch_up (self);
  agents = _plt_router_list_agents (router);
  queue_data = plt_acd_dup_queues (router->acd);

  agent_ids = resolve_ids (self, session, query->id, PLT_ACD_ENTITY_AGENT, agents, query->agents);
  if (agent_ids == NULL)
    return;
  queue_ids = resolve_ids (self, session, query->id, PLT_ACD_ENTITY_QUEUE, queue_data, query->queues);
  if (queue_ids == NULL)
    return;

  /* Nothing happened after now: the samples stop there. */
  to = MIN (query->to_ms, _plt_router_now (router));
  to = MAX (to, query->from_ms);
  if (g_hash_table_size (queue_ids) * ((to - query->from_ms) / step_ms + 1) > MAX_SAMPLES)
    {
      refuse (self, session, query->id, PLT_PROTOCOL_ERROR_TOO_LARGE,
              "the queue samples would be too many: ask for fewer queues, a shorter period or a longer step");
      return;
    }

  /* The queue counts need every member's states, seen or not. */
  for (guint i = 0; i < agents->len; i++)
    {
      const PltAgentData *agent = g_ptr_array_index (agents, i);

      for (guint q = 0; agent->queues[q] != NULL; q++)
        if (g_hash_table_contains (queue_ids, agent->queues[q]))
          {
            g_hash_table_add (counted, agent->id);
            g_hash_table_insert (agent_queues, agent->id, agent->queues);
            break;
          }
    }

  interval_walk = (IntervalWalk) { agent_ids, counted, query->from_ms, query->to_ms, out, all };
  contact_walk = (ContactWalk) { queue_ids, query->from_ms, query->to_ms, contacts };

  day_start = plt_acd_get_day_start (router->acd);
  if (query->from_ms < day_start &&
      !collect_past_days (self, &interval_walk, &contact_walk, MIN (day_start, query->to_ms), &error))
    {
      refuse (self, session, query->id, PLT_PROTOCOL_ERROR_INTERNAL, error->message);
      return;
    }
  if (query->to_ms > day_start)
    {
      plt_acd_foreach_agent_interval (router->acd, collect_interval_cb, &interval_walk);
      plt_acd_foreach_contact (router->acd, collect_contact_cb, &contact_walk);
      plt_acd_foreach_open_contact (router->acd, collect_contact_cb, &contact_walk);
    }

  g_ptr_array_sort (out, compare_intervals);

  /* Queues in the scenario's order. */
  for (guint i = 0; i < queue_data->len; i++)
    {
      const PltQueueData *queue = g_ptr_array_index (queue_data, i);

      if (g_hash_table_contains (queue_ids, queue->id))
        g_ptr_array_add (queue_list, queue->id);
    }
  g_ptr_array_add (queue_list, NULL);

  samples = plt_history_sample_queues ((const char * const *) queue_list->pdata, agent_queues,
                                       all, contacts, query->from_ms, to, step_ms);
  send_history (self, session, query->id, out, samples);
}

void
_plt_commands_handle (PltCommands      *self,
                      gpointer          session,
                      const PltMessage *message)
{
  switch (message->type)
    {
    case PLT_MESSAGE_CMD_AGENT_STATUS:
      handle_agent_status (self, session, message);
      break;

    case PLT_MESSAGE_CMD_AGENT_SKILLS:
      handle_agent_skills (self, session, message);
      break;

    case PLT_MESSAGE_CMD_MESSAGE:
      handle_message (self, session, message);
      break;

    case PLT_MESSAGE_HISTORY_QUERY:
      handle_history (self, session, message);
      break;

    default:
      g_return_if_reached ();
    }
}
