/* plt-planning-service.c — the router's plannings: storage, the planning.*
 * messages with their role checks, publishing, and the simulated agents
 * following the published plan
 *
 * Storage (database component "planning"): the draft of each team and
 * week is a revision number and one row per agent-day (its JSON form, as
 * on the wire); each publication is an immutable row holding the whole
 * week (triggers refuse UPDATE and DELETE); comments; and an audit row per
 * agent-day saved or published: who changed what, at which revision.
 *
 * A save names the revision it was based on: when someone else saved in
 * between, it is refused with CONFLICT and the current state, for the
 * console to merge (never overwritten silently).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "plt-planning-service.h"
#include "plt-protocol-planning.h"

#define ROUTER_AUTHOR "plateau-router"

typedef struct
{
  char      *id;
  char      *name;
  GPtrArray *agents;   /* PltPlanningAgent* */
} Team;

struct _PltPlanningService
{
  GObject                parent_instance;

  PltDb                 *db;
  PltSite               *site;
  GHashTable            *teams;       /* id → Team* */
  GPtrArray             *team_order;  /* Team*, borrowed */
  GHashTable            *agent_team;  /* agent id → team id (borrowed from Team) */
  PltPlanningNotifyFunc  notify;
  gpointer               notify_data;
  char                  *epoch;
  PltAcd                *acd;         /* weak */
  GHashTable            *published;   /* "team|week" → PltSchedule* (NULL: none), for the KPI hook */
  gulong                 day_handler;
  GSource               *follow_source;
  gboolean               batch;       /* publishing many: follow once at the end */
};

G_DEFINE_FINAL_TYPE (PltPlanningService, plt_planning_service, G_TYPE_OBJECT)

static const PltDbMigration migrations[] = {
  { 1,
    "CREATE TABLE planning ("
    "  team TEXT NOT NULL, week TEXT NOT NULL, revision INTEGER NOT NULL,"
    "  PRIMARY KEY (team, week)) WITHOUT ROWID;"
    "CREATE TABLE planning_day ("
    "  team TEXT NOT NULL, week TEXT NOT NULL, agent TEXT NOT NULL, date TEXT NOT NULL,"
    "  day TEXT NOT NULL,"
    "  PRIMARY KEY (team, week, agent, date)) WITHOUT ROWID;"
    "CREATE TABLE planning_version ("
    "  team TEXT NOT NULL, week TEXT NOT NULL, version INTEGER NOT NULL,"
    "  revision INTEGER NOT NULL, published_at INTEGER NOT NULL, published_by TEXT NOT NULL,"
    "  days TEXT NOT NULL,"
    "  PRIMARY KEY (team, week, version)) WITHOUT ROWID;"
    "CREATE TRIGGER planning_version_immutable BEFORE UPDATE ON planning_version"
    "  BEGIN SELECT RAISE (ABORT, 'a published version cannot change'); END;"
    "CREATE TRIGGER planning_version_kept BEFORE DELETE ON planning_version"
    "  BEGIN SELECT RAISE (ABORT, 'a published version cannot be deleted'); END;"
    "CREATE TABLE planning_comment ("
    "  id INTEGER PRIMARY KEY, team TEXT NOT NULL, week TEXT NOT NULL, at INTEGER NOT NULL,"
    "  author TEXT NOT NULL, text TEXT NOT NULL, agent TEXT, date TEXT);"
    "CREATE TABLE planning_audit ("
    "  id INTEGER PRIMARY KEY, team TEXT NOT NULL, week TEXT NOT NULL, revision INTEGER NOT NULL,"
    "  at INTEGER NOT NULL, author TEXT NOT NULL, agent TEXT NOT NULL, date TEXT NOT NULL,"
    "  action TEXT NOT NULL);"
    "CREATE INDEX planning_audit_week ON planning_audit (team, week, revision);" },
};

typedef enum
{
  ACTION_READ,
  ACTION_EDIT,
  ACTION_PUBLISH,
  ACTION_COMMENT,
} Action;

/* ---------------------------------------------------------------------------
 * Object
 */

static void
team_free (gpointer data)
{
  Team *team = data;

  g_free (team->id);
  g_free (team->name);
  g_ptr_array_unref (team->agents);
  g_free (team);
}

static void
plt_planning_service_dispose (GObject *object)
{
  PltPlanningService *self = PLT_PLANNING_SERVICE (object);

  plt_planning_service_set_acd (self, NULL);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (plt_planning_service_parent_class)->dispose (object);
}

static void
plt_planning_service_finalize (GObject *object)
{
  PltPlanningService *self = PLT_PLANNING_SERVICE (object);

  g_clear_pointer (&self->site, plt_site_free);
  g_free (self->epoch);
  g_clear_pointer (&self->agent_team, g_hash_table_unref);
  g_clear_pointer (&self->published, g_hash_table_unref);
  g_clear_pointer (&self->team_order, g_ptr_array_unref);
  g_clear_pointer (&self->teams, g_hash_table_unref);

  G_OBJECT_CLASS (plt_planning_service_parent_class)->finalize (object);
}

static void
plt_planning_service_class_init (PltPlanningServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_planning_service_dispose;
  object_class->finalize = plt_planning_service_finalize;
}

static void
plt_planning_service_init (PltPlanningService *self)
{
  self->teams = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, team_free);
  self->team_order = g_ptr_array_new ();
  self->agent_team = g_hash_table_new (g_str_hash, g_str_equal);
  self->published = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) plt_schedule_unref);
}

PltPlanningService *
plt_planning_service_new (PltDb       *db,
                          const char  *site_name,
                          const char  *tz_id,
                          GError     **error)
{
  g_autoptr(PltPlanningService) self = NULL;
  g_autoptr(GTimeZone) local = NULL;

  g_return_val_if_fail (PLT_IS_DB (db), NULL);

  if (!plt_db_migrate (db, "planning", migrations, G_N_ELEMENTS (migrations), error))
    return NULL;

  self = g_object_new (PLT_TYPE_PLANNING_SERVICE, NULL);
  self->db = g_object_ref (db);

  if (tz_id == NULL)
    {
      local = g_time_zone_new_local ();
      tz_id = g_time_zone_get_identifier (local);
    }
  self->site = plt_site_new ("main", site_name != NULL ? site_name : "main", tz_id, NULL);
  if (self->site == NULL)
    self->site = plt_site_new ("main", site_name != NULL ? site_name : "main", "UTC", error);
  if (self->site == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

const PltSite *
plt_planning_service_get_site (PltPlanningService *self)
{
  return self->site;
}

void
plt_planning_service_set_agents (PltPlanningService *self,
                                 GPtrArray          *teams,
                                 GPtrArray          *agents)
{
  g_hash_table_remove_all (self->agent_team);
  g_ptr_array_set_size (self->team_order, 0);
  g_hash_table_remove_all (self->teams);

  for (guint i = 0; teams != NULL && i < teams->len; i++)
    {
      const PltTeamData *data = g_ptr_array_index (teams, i);
      Team *team = g_new0 (Team, 1);

      team->id = g_strdup (data->id);
      team->name = g_strdup (data->name);
      team->agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_agent_free);
      g_hash_table_insert (self->teams, team->id, team);
      g_ptr_array_add (self->team_order, team);
    }

  for (guint i = 0; agents != NULL && i < agents->len; i++)
    {
      const PltAgentData *data = g_ptr_array_index (agents, i);
      Team *team = data->team != NULL ? g_hash_table_lookup (self->teams, data->team) : NULL;
      PltPlanningAgent *agent;

      if (team == NULL)
        continue;
      agent = plt_planning_agent_new (data->id, data->name, data->team, (const char * const *) data->queues);
      g_ptr_array_add (team->agents, agent);
      g_hash_table_insert (self->agent_team, agent->id, team->id);
    }
}

void
plt_planning_service_set_notify (PltPlanningService    *self,
                                 PltPlanningNotifyFunc  func,
                                 gpointer               user_data,
                                 const char            *epoch)
{
  self->notify = func;
  self->notify_data = user_data;
  g_free (self->epoch);
  self->epoch = g_strdup (epoch);
}

/* ---------------------------------------------------------------------------
 * Storage
 */

static gboolean
db_fail (PltPlanningService  *self,
         GError             **error)
{
  sqlite3 *handle = plt_db_get_handle (self->db);

  g_set_error (error, PLT_DB_ERROR, PLT_DB_ERROR_SQL, "%s", sqlite3_errmsg (handle));
  return FALSE;
}

static char *
day_to_text (const PltAgentDay *day)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  plt_agent_day_to_json (day, builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
days_to_text (GPtrArray *days)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < days->len; i++)
    plt_agent_day_to_json (g_ptr_array_index (days, i), builder);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static PltAgentDay *
day_from_text (const char *text)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  return node != NULL ? plt_agent_day_from_json (node, NULL) : NULL;
}

static GPtrArray *
days_from_text (const char *text)
{
  GPtrArray *days = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return days;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      PltAgentDay *day = plt_agent_day_from_json (json_array_get_element (json_node_get_array (node), i), NULL);

      if (day != NULL)
        g_ptr_array_add (days, day);
    }
  return days;
}

static gint64
get_revision (PltPlanningService *self,
              const char         *team,
              const char         *week)
{
  g_autoptr(sqlite3_stmt) stmt = plt_db_prepare (self->db,
    "SELECT revision FROM planning WHERE team = ?1 AND week = ?2", NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, team, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, week, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* The draft's days, by agent then date. */
static GPtrArray *
load_draft (PltPlanningService *self,
            const char         *team,
            const char         *week)
{
  GPtrArray *days = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);
  g_autoptr(sqlite3_stmt) stmt = plt_db_prepare (self->db,
    "SELECT day FROM planning_day WHERE team = ?1 AND week = ?2 ORDER BY agent, date", NULL);

  if (stmt == NULL)
    return days;
  sqlite3_bind_text (stmt, 1, team, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, week, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PltAgentDay *day = day_from_text ((const char *) sqlite3_column_text (stmt, 0));

      if (day != NULL)
        g_ptr_array_add (days, day);
    }
  return days;
}

typedef struct
{
  gint64     version;
  gint64     revision;
  gint64     at;
  char      *by;
  GPtrArray *days;
} Version;

static void
version_clear (Version *v)
{
  g_clear_pointer (&v->by, g_free);
  g_clear_pointer (&v->days, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Version, version_clear)

/* The latest published version; version 0 when there is none. */
static void
load_version (PltPlanningService *self,
              const char         *team,
              const char         *week,
              Version            *v)
{
  g_autoptr(sqlite3_stmt) stmt = plt_db_prepare (self->db,
    "SELECT version, revision, published_at, published_by, days FROM planning_version"
    " WHERE team = ?1 AND week = ?2 ORDER BY version DESC LIMIT 1", NULL);

  memset (v, 0, sizeof *v);
  if (stmt == NULL)
    {
      v->days = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);
      return;
    }
  sqlite3_bind_text (stmt, 1, team, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, week, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      v->version = sqlite3_column_int64 (stmt, 0);
      v->revision = sqlite3_column_int64 (stmt, 1);
      v->at = sqlite3_column_int64 (stmt, 2);
      v->by = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      v->days = days_from_text ((const char *) sqlite3_column_text (stmt, 4));
    }
  else
    v->days = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);
}

static gboolean
insert_audit (PltPlanningService  *self,
              const char          *team,
              const char          *week,
              gint64               revision,
              gint64               now,
              const char          *author,
              const PltAgentDay   *day,
              const char          *action,
              GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = plt_db_prepare (self->db,
    "INSERT INTO planning_audit (team, week, revision, at, author, agent, date, action)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  char date[11];

  if (stmt == NULL)
    return FALSE;
  plt_date_to_string (&day->date, date);
  sqlite3_bind_text (stmt, 1, team, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, week, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, revision);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_text (stmt, 5, author, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, day->agent, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, action, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_DONE || db_fail (self, error);
}

/* Stores @days (replacing those agent-days) as revision + 1. The caller
 * checked the base revision, in the same transaction. */
static gboolean
store_days (PltPlanningService  *self,
            const char          *team,
            const char          *week,
            gint64               revision,
            GPtrArray           *days,
            gint64               now,
            const char          *author,
            GError             **error)
{
  for (guint i = 0; i < days->len; i++)
    {
      const PltAgentDay *day = g_ptr_array_index (days, i);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      char date[11];

      plt_date_to_string (&day->date, date);
      if (plt_agent_day_is_empty (day))
        stmt = plt_db_prepare (self->db,
          "DELETE FROM planning_day WHERE team = ?1 AND week = ?2 AND agent = ?3 AND date = ?4", error);
      else
        stmt = plt_db_prepare (self->db,
          "INSERT OR REPLACE INTO planning_day (team, week, agent, date, day) VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, team, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, week, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, day->agent, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
      if (!plt_agent_day_is_empty (day))
        sqlite3_bind_text (stmt, 5, day_to_text (day), -1, g_free);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return db_fail (self, error);
      if (!insert_audit (self, team, week, revision + 1, now, author, day, "save", error))
        return FALSE;
    }

  {
    g_autoptr(sqlite3_stmt) stmt = plt_db_prepare (self->db,
      "INSERT INTO planning (team, week, revision) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (team, week) DO UPDATE SET revision = excluded.revision", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, team, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, week, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 3, revision + 1);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      return db_fail (self, error);
  }
  return TRUE;
}

/* Publishes the draft at @revision as the next version; returns it. */
static gint64
store_version (PltPlanningService  *self,
               const char          *team,
               const char          *week,
               gint64               revision,
               GPtrArray           *days,
               gint64               now,
               const char          *author,
               GPtrArray           *previous,
               GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = plt_db_prepare (self->db,
    "INSERT INTO planning_version (team, week, version, revision, published_at, published_by, days)"
    " VALUES (?1, ?2, (SELECT COALESCE (MAX (version), 0) + 1 FROM planning_version"
    "                  WHERE team = ?1 AND week = ?2), ?3, ?4, ?5, ?6)"
    " RETURNING version", error);
  g_autoptr(PltSchedule) before = plt_planning_message_dup_schedule (previous, NULL);
  g_autoptr(PltSchedule) after = plt_planning_message_dup_schedule (days, NULL);
  g_auto(GStrv) changed = NULL;
  gint64 version;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, team, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, week, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, revision);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_text (stmt, 5, author, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, days_to_text (days), -1, g_free);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return db_fail (self, error), 0;
  version = sqlite3_column_int64 (stmt, 0);

  /* An audit row per agent-day the publication changed. */
  if (before != NULL && after != NULL)
    {
      changed = plt_schedule_diff_keys (before, after);
      for (guint i = 0; changed[i] != NULL; i++)
        {
          g_autofree char *agent = NULL;
          g_autoptr(PltAgentDay) day = NULL;
          GDate date;

          plt_agent_day_key_parse (changed[i], &agent, &date);
          day = plt_agent_day_new (agent, &date);
          if (!insert_audit (self, team, week, revision, now, author, day, "publish", error))
            return 0;
        }
    }
  return version;
}

/* ---------------------------------------------------------------------------
 * Roles
 */

static gboolean
in_teams (const PltUser *user,
          const char    *team)
{
  return user->teams != NULL && g_strv_contains ((const char * const *) user->teams, team);
}

static const char *
user_agent (const PltUser *user)
{
  return user->agent != NULL ? user->agent : user->name;
}

static gboolean
may (PltPlanningService  *self,
     const PltUser       *user,
     const char          *team,
     Action               action,
     GError             **error)
{
  if (user == NULL)
    return TRUE;

  switch (user->role)
    {
    case PLT_ROLE_ADMIN:
    case PLT_ROLE_MANAGER:
      return TRUE;

    case PLT_ROLE_SUPERVISOR:
      if (!in_teams (user, team))
        {
          g_set_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_FORBIDDEN,
                       "team “%s” is not one you supervise", team);
          return FALSE;
        }
      if (action == ACTION_PUBLISH)
        {
          g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_FORBIDDEN,
                               "only a manager publishes a planning");
          return FALSE;
        }
      return TRUE;

    case PLT_ROLE_AGENT:
      {
        const char *own = g_hash_table_lookup (self->agent_team, user_agent (user));

        if (action == ACTION_READ && g_strcmp0 (own, team) == 0)
          return TRUE;
        g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_FORBIDDEN,
                             action == ACTION_READ ? "an agent sees only their own team's planning"
                                                   : "an agent account may not change a planning");
        return FALSE;
      }

    case PLT_ROLE_WALLBOARD:
    default:
      g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_FORBIDDEN,
                           "a wallboard account sees no planning");
      return FALSE;
    }
}

/* ---------------------------------------------------------------------------
 * Messages
 */

static char *
encode_error (PltProtocolError    code,
              const char         *text,
              const char         *reply_to,
              PltPlanningMessage *current,
              gint64              seq,
              const char         *epoch)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_ERROR);

  message->has_seq = TRUE;
  message->seq = seq;
  message->epoch = g_strdup (epoch);
  message->u.error.code = code;
  message->u.error.message = g_strdup (text);
  message->u.error.reply_to = g_strdup (reply_to);
  message->u.error.current = current;
  return plt_message_encode (message);
}

static PltPlanningMessage *
build_state (PltPlanningService *self,
             Team               *team,
             const PltWeek      *week,
             const PltUser      *user,
             const char         *reply_to)
{
  PltPlanningMessage *state = plt_planning_message_new ();
  g_autofree char *week_name = plt_week_to_string (week);
  gboolean agent_only = user != NULL && user->role == PLT_ROLE_AGENT;
  const char *own = agent_only ? user_agent (user) : NULL;
  g_auto(Version) version = { 0 };

  state->reply_to = g_strdup (reply_to);
  state->team = g_strdup (team->id);
  state->week = *week;
  state->revision = get_revision (self, team->id, week_name);
  state->site_id = g_strdup (self->site->id);
  state->site_name = g_strdup (self->site->name);
  state->site_tz = g_strdup (self->site->tz_id);

  for (guint i = 0; i < team->agents->len; i++)
    {
      const PltPlanningAgent *agent = g_ptr_array_index (team->agents, i);

      if (own == NULL || strcmp (agent->id, own) == 0)
        g_ptr_array_add (state->agents, plt_planning_agent_copy (agent));
    }

  if (!agent_only)
    {
      g_autoptr(GPtrArray) days = load_draft (self, team->id, week_name);

      state->has_draft = TRUE;
      for (guint i = 0; i < days->len; i++)
        g_ptr_array_add (state->days, plt_agent_day_ref (g_ptr_array_index (days, i)));
    }

  load_version (self, team->id, week_name, &version);
  if (version.version > 0)
    {
      state->published_version = version.version;
      state->published_revision = version.revision;
      state->published_at = version.at;
      state->published_by = g_strdup (version.by);
      for (guint i = 0; i < version.days->len; i++)
        {
          PltAgentDay *day = g_ptr_array_index (version.days, i);

          if (own == NULL || strcmp (day->agent, own) == 0)
            g_ptr_array_add (state->published_days, plt_agent_day_ref (day));
        }
    }

  if (!agent_only)
    {
      g_autoptr(sqlite3_stmt) comments = plt_db_prepare (self->db,
        "SELECT at, author, text, agent, date FROM planning_comment WHERE team = ?1 AND week = ?2"
        " ORDER BY id LIMIT 1000", NULL);
      g_autoptr(sqlite3_stmt) audit = plt_db_prepare (self->db,
        "SELECT revision, at, author, agent, date, action FROM planning_audit"
        " WHERE team = ?1 AND week = ?2 AND (revision > ?3 OR action = 'publish' AND revision = ?3)"
        " ORDER BY id LIMIT 5000", NULL);

      if (comments != NULL)
        {
          sqlite3_bind_text (comments, 1, team->id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (comments, 2, week_name, -1, SQLITE_TRANSIENT);
          while (sqlite3_step (comments) == SQLITE_ROW)
            g_ptr_array_add (state->comments,
                             plt_planning_comment_new (sqlite3_column_int64 (comments, 0),
                                                       (const char *) sqlite3_column_text (comments, 1),
                                                       (const char *) sqlite3_column_text (comments, 2),
                                                       (const char *) sqlite3_column_text (comments, 3),
                                                       (const char *) sqlite3_column_text (comments, 4)));
        }
      if (audit != NULL)
        {
          sqlite3_bind_text (audit, 1, team->id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (audit, 2, week_name, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (audit, 3, version.revision);
          while (sqlite3_step (audit) == SQLITE_ROW)
            g_ptr_array_add (state->audit,
                             plt_planning_audit_new (sqlite3_column_int64 (audit, 0),
                                                     sqlite3_column_int64 (audit, 1),
                                                     (const char *) sqlite3_column_text (audit, 2),
                                                     (const char *) sqlite3_column_text (audit, 3),
                                                     (const char *) sqlite3_column_text (audit, 4),
                                                     (const char *) sqlite3_column_text (audit, 5)));
        }
    }
  return state;
}

static const char *
author_of (const PltUser *user)
{
  return user != NULL ? user->name : "anyone";
}

/* Checks the days of a save: in the week, agents of the team, and shift
 * ids unique once merged into the draft. */
static gboolean
check_days (PltPlanningService  *self,
            Team                *team,
            const PltWeek       *week,
            GPtrArray           *draft,
            GPtrArray           *days,
            GError             **error)
{
  g_autoptr(PltSchedule) merged = plt_planning_message_dup_schedule (draft, NULL);

  if (merged == NULL)
    merged = plt_schedule_new ();

  for (guint i = 0; i < days->len; i++)
    {
      PltAgentDay *day = g_ptr_array_index (days, i);
      PltWeek w;
      char date[11];

      plt_week_from_date (&day->date, &w);
      plt_date_to_string (&day->date, date);
      if (!plt_week_equal (&w, week))
        {
          g_set_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                       "the day %s of %s is not in the week saved", date, day->agent);
          return FALSE;
        }
      if (g_strcmp0 (g_hash_table_lookup (self->agent_team, day->agent), team->id) != 0)
        {
          g_set_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_FORBIDDEN,
                       "agent “%s” is not in team “%s”", day->agent, team->id);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        {
          PltAgentDay *other = g_ptr_array_index (days, j);

          if (strcmp (other->agent, day->agent) == 0 && g_date_compare (&other->date, &day->date) == 0)
            {
              g_set_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the day %s of %s is given twice", date, day->agent);
              return FALSE;
            }
        }
      {
        g_autoptr(PltAgentDay) empty = plt_agent_day_new (day->agent, &day->date);

        plt_schedule_set_day (merged, empty, NULL);
      }
    }
  for (guint i = 0; i < days->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!plt_schedule_set_day (merged, g_ptr_array_index (days, i), &local_error))
        {
          g_set_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST, "%s", local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

static void notify_published (PltPlanningService *self, Team *team, const PltWeek *week,
                              GPtrArray *before, GPtrArray *after, gint64 version, gint64 now,
                              const char *author);

/* Publishes the draft of @team's @week at @revision. Returns the version,
 * 0 with @error. */
static gint64
publish (PltPlanningService  *self,
         Team                *team,
         const PltWeek       *week,
         gint64               revision,
         gint64               now,
         const char          *author,
         GError             **error)
{
  g_autofree char *week_name = plt_week_to_string (week);
  g_autoptr(GPtrArray) draft = NULL;
  g_auto(Version) previous = { 0 };
  gint64 version;

  if (!plt_db_begin (self->db, error))
    return 0;
  if (get_revision (self, team->id, week_name) != revision)
    {
      plt_db_rollback (self->db);
      g_set_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_CONFLICT,
                   "the draft is at revision %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT,
                   get_revision (self, team->id, week_name), revision);
      return 0;
    }
  draft = load_draft (self, team->id, week_name);
  load_version (self, team->id, week_name, &previous);
  version = store_version (self, team->id, week_name, revision, draft, now, author, previous.days, error);
  if (version == 0 || !plt_db_commit (self->db, error))
    {
      plt_db_rollback (self->db);
      return 0;
    }

  if (self->batch)
    g_info ("planning: %s published %s %s (revision %" G_GINT64_FORMAT ") as version %" G_GINT64_FORMAT,
            author, team->id, week_name, revision, version);
  else
    g_message ("planning: %s published %s %s (revision %" G_GINT64_FORMAT ") as version %" G_GINT64_FORMAT,
               author, team->id, week_name, revision, version);
  {
    g_autofree char *key = g_strdup_printf ("%s|%s", team->id, week_name);

    g_hash_table_remove (self->published, key);
  }
  notify_published (self, team, week, previous.days, draft, version, now, author);
  if (!self->batch)
    plt_planning_service_follow (self, now);
  return version;
}

static GPtrArray *
agent_days (GPtrArray  *days,
            const char *agent)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);

  for (guint i = 0; days != NULL && i < days->len; i++)
    {
      PltAgentDay *day = g_ptr_array_index (days, i);

      if (strcmp (day->agent, agent) == 0)
        g_ptr_array_add (out, plt_agent_day_ref (day));
    }
  return out;
}

static gboolean
same_days (GPtrArray *a,
           GPtrArray *b)
{
  g_autoptr(PltSchedule) x = plt_planning_message_dup_schedule (a, NULL);
  g_autoptr(PltSchedule) y = plt_planning_message_dup_schedule (b, NULL);

  return x != NULL && y != NULL && plt_schedule_equal (x, y);
}

/* The agents whose days changed hear of it; nobody else. */
static void
notify_published (PltPlanningService *self,
                  Team               *team,
                  const PltWeek      *week,
                  GPtrArray          *before,
                  GPtrArray          *after,
                  gint64              version,
                  gint64              now,
                  const char         *author)
{
  if (self->notify == NULL)
    return;

  for (guint i = 0; i < team->agents->len; i++)
    {
      const PltPlanningAgent *agent = g_ptr_array_index (team->agents, i);
      g_autoptr(GPtrArray) old_days = agent_days (before, agent->id);
      g_autoptr(GPtrArray) new_days = agent_days (after, agent->id);
      g_autoptr(PltPlanningMessage) event = NULL;
      g_autofree char *text = NULL;

      if (version > 1 && same_days (old_days, new_days))
        continue;

      event = plt_planning_message_new ();
      event->team = g_strdup (team->id);
      event->week = *week;
      event->published_version = version;
      event->published_at = now;
      event->published_by = g_strdup (author);
      for (guint d = 0; d < new_days->len; d++)
        g_ptr_array_add (event->days, plt_agent_day_ref (g_ptr_array_index (new_days, d)));
      text = plt_protocol_encode_planning (-1, self->epoch, PLT_MESSAGE_PLANNING_PUBLISHED, event);
      self->notify (agent->id, text, self->notify_data);
    }
}

static char *
encode_result (const char *reply_to,
               gint64      seq,
               const char *epoch)
{
  return plt_protocol_encode_result (seq, epoch, reply_to, TRUE);
}

static char *
encode_planning (PltMessageType      type,
                 PltPlanningMessage *planning,
                 gint64              seq,
                 const char         *epoch)
{
  g_autoptr(PltMessage) message = plt_message_new (type);

  message->has_seq = TRUE;
  message->seq = seq;
  message->epoch = g_strdup (epoch);
  message->u.planning = planning;
  return plt_message_encode (message);
}

GPtrArray *
plt_planning_service_handle (PltPlanningService *self,
                             const PltUser      *user,
                             const PltMessage   *message,
                             gint64              now,
                             gint64              seq,
                             const char         *epoch)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const PltPlanningMessage *in = message->u.planning;
  g_autoptr(GError) error = NULL;
  g_autofree char *week_name = NULL;
  Team *team;
  Action action;

  g_return_val_if_fail (in != NULL, out);

  switch (message->type)
    {
    case PLT_MESSAGE_PLANNING_GET: action = ACTION_READ; break;
    case PLT_MESSAGE_PLANNING_SAVE: action = ACTION_EDIT; break;
    case PLT_MESSAGE_PLANNING_PUBLISH: action = ACTION_PUBLISH; break;
    case PLT_MESSAGE_PLANNING_COMMENT: action = ACTION_COMMENT; break;
    default:
      g_ptr_array_add (out, encode_error (PLT_PROTOCOL_ERROR_UNKNOWN_TYPE,
                                          "this planning message is not one a client sends",
                                          NULL, NULL, seq, epoch));
      return out;
    }

  week_name = plt_week_to_string (&in->week);
  team = g_hash_table_lookup (self->teams, in->team);

  /* Unknown and out of scope read the same for a supervisor. */
  if (!may (self, user, in->team, action, &error))
    {
      g_info ("planning: %s may not %s %s %s: %s", author_of (user),
              plt_message_type_to_string (message->type), in->team, week_name, error->message);
      g_ptr_array_add (out, encode_error (error->code, error->message, in->id, NULL, seq, epoch));
      return out;
    }
  if (team == NULL)
    {
      g_autofree char *text = g_strdup_printf ("there is no team “%s”", in->team);

      g_ptr_array_add (out, encode_error (PLT_PROTOCOL_ERROR_NOT_FOUND, text, in->id, NULL, seq, epoch));
      return out;
    }

  switch (message->type)
    {
    case PLT_MESSAGE_PLANNING_GET:
      g_ptr_array_add (out, encode_planning (PLT_MESSAGE_PLANNING_STATE,
                                             build_state (self, team, &in->week, user, in->id), seq, epoch));
      return out;

    case PLT_MESSAGE_PLANNING_SAVE:
      {
        g_autoptr(GPtrArray) draft = NULL;
        gint64 current;
        PltPlanningMessage *saved;

        if (!plt_db_begin (self->db, &error))
          break;
        current = get_revision (self, team->id, week_name);
        if (in->revision != current)
          {
            g_autofree char *text = g_strdup_printf ("the planning of %s for %s was changed by someone else: it is "
                                                     "at revision %" G_GINT64_FORMAT ", this save was based on %"
                                                     G_GINT64_FORMAT, team->id, week_name, current, in->revision);

            plt_db_rollback (self->db);
            g_message ("planning: %s: %s", author_of (user), text);
            g_ptr_array_add (out, encode_error (PLT_PROTOCOL_ERROR_CONFLICT, text, in->id,
                                                build_state (self, team, &in->week, user, in->id), seq, epoch));
            return out;
          }
        draft = load_draft (self, team->id, week_name);
        if (!check_days (self, team, &in->week, draft, in->days, &error) ||
            !store_days (self, team->id, week_name, current, in->days, now, author_of (user), &error) ||
            !plt_db_commit (self->db, &error))
          {
            plt_db_rollback (self->db);
            break;
          }

        g_message ("planning: %s saved %u agent-days of %s %s: revision %" G_GINT64_FORMAT,
                   author_of (user), in->days->len, team->id, week_name, current + 1);
        saved = plt_planning_message_new ();
        saved->reply_to = g_strdup (in->id);
        saved->team = g_strdup (team->id);
        saved->week = in->week;
        saved->revision = current + 1;
        g_ptr_array_add (out, encode_planning (PLT_MESSAGE_PLANNING_SAVED, saved, seq, epoch));
        return out;
      }

    case PLT_MESSAGE_PLANNING_PUBLISH:
      if (publish (self, team, &in->week, in->revision, now, author_of (user), &error) == 0)
        {
          if (g_error_matches (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_CONFLICT))
            {
              g_ptr_array_add (out, encode_error (PLT_PROTOCOL_ERROR_CONFLICT, error->message, in->id,
                                                  build_state (self, team, &in->week, user, in->id), seq, epoch));
              return out;
            }
          break;
        }
      g_ptr_array_add (out, encode_result (in->id, seq, epoch));
      return out;

    case PLT_MESSAGE_PLANNING_COMMENT:
      {
        g_autoptr(sqlite3_stmt) stmt = plt_db_prepare (self->db,
          "INSERT INTO planning_comment (team, week, at, author, text, agent, date)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &error);

        if (stmt == NULL)
          break;
        sqlite3_bind_text (stmt, 1, team->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 2, week_name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64 (stmt, 3, now);
        sqlite3_bind_text (stmt, 4, author_of (user), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 5, in->text, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 6, in->agent, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 7, in->date, -1, SQLITE_TRANSIENT);
        if (sqlite3_step (stmt) != SQLITE_DONE)
          {
            db_fail (self, &error);
            break;
          }
        g_ptr_array_add (out, encode_result (in->id, seq, epoch));
        return out;
      }

    default:
      break;
    }

  {
    PltProtocolError code = PLT_PROTOCOL_ERROR_INTERNAL;

    if (error != NULL && error->domain == PLT_PROTOCOL_ERROR)
      code = error->code;
    else if (error != NULL)
      g_warning ("planning: %s", error->message);
    g_ptr_array_add (out, encode_error (code, error != NULL ? error->message : "the planning failed",
                                        in->id, NULL, seq, epoch));
  }
  return out;
}

/* ---------------------------------------------------------------------------
 * The published plan, followed by the ACD
 */

PltSchedule *
plt_planning_service_dup_published (PltPlanningService *self,
                                    const char         *team,
                                    const PltWeek      *week,
                                    gint64             *version)
{
  g_autofree char *week_name = plt_week_to_string (week);
  g_auto(Version) v = { 0 };

  load_version (self, team, week_name, &v);
  if (version != NULL)
    *version = v.version;
  if (v.version == 0)
    return NULL;
  return plt_planning_message_dup_schedule (v.days, NULL);
}

/* The published schedule of @team's @week, cached (NULL: none). */
static PltSchedule *
cached_published (PltPlanningService *self,
                  const char         *team,
                  const PltWeek      *week)
{
  g_autofree char *week_name = plt_week_to_string (week);
  g_autofree char *key = g_strdup_printf ("%s|%s", team, week_name);
  gpointer value;

  if (!g_hash_table_lookup_extended (self->published, key, NULL, &value))
    {
      value = plt_planning_service_dup_published (self, team, week, NULL);
      g_hash_table_insert (self->published, g_steal_pointer (&key), value);
    }
  return value;
}

static const char *reason_for (PltScenario *scenario, PltActivityKind kind);

gboolean
plt_planning_service_kpi_plan (const char *agent,
                               gint64      from,
                               gint64      to,
                               GArray     *segments,
                               gpointer    user_data)
{
  PltPlanningService *self = user_data;
  const char *team = g_hash_table_lookup (self->agent_team, agent);
  gboolean any = FALSE;
  PltWeek weeks[2];
  GDate date;

  if (team == NULL || to <= from)
    return FALSE;

  plt_site_get_date (self->site, from, &date);
  g_date_subtract_days (&date, 1);   /* a night shift of the day before */
  plt_week_from_date (&date, &weeks[0]);
  plt_site_get_date (self->site, to - 1, &date);
  plt_week_from_date (&date, &weeks[1]);

  for (guint w = 0; w < 2; w++)
    {
      PltSchedule *schedule;
      g_autoptr(GPtrArray) days = NULL;

      if (w == 1 && plt_week_equal (&weeks[0], &weeks[1]))
        break;
      schedule = cached_published (self, team, &weeks[w]);
      if (schedule == NULL)
        continue;
      any = TRUE;
      days = plt_schedule_list_days (schedule);
      for (guint d = 0; d < days->len; d++)
        {
          PltAgentDay *day = g_ptr_array_index (days, d);

          if (strcmp (day->agent, agent) != 0)
            continue;
          for (guint s = 0; s < day->shifts->len; s++)
            {
              const PltShift *shift = g_ptr_array_index (day->shifts, s);

              if (shift->end <= from || shift->start >= to)
                continue;
              for (guint a = 0; a < shift->activities->len; a++)
                {
                  const PltActivity *act = g_ptr_array_index (shift->activities, a);
                  PltKpiPlanSegment segment = { MAX (act->start, from), MIN (act->end, to), PLT_KPI_PLAN_WORK, NULL };

                  if (segment.start >= segment.end)
                    continue;
                  if (act->kind == PLT_ACTIVITY_OFF || act->kind == PLT_ACTIVITY_TIME_OFF)
                    segment.kind = PLT_KPI_PLAN_OFF;
                  else if (act->kind != PLT_ACTIVITY_WORK)
                    {
                      segment.kind = PLT_KPI_PLAN_PAUSE;
                      segment.reason = self->acd != NULL ? reason_for (plt_acd_get_scenario (self->acd), act->kind)
                                                         : plt_activity_kind_to_string (act->kind);
                    }
                  g_array_append_val (segments, segment);
                }
            }
        }
    }
  return any;
}

void
plt_planning_service_install_kpi_plan (PltPlanningService *self,
                                       PltKpiConfig       *config)
{
  plt_kpi_config_set_plan_func (config, plt_planning_service_kpi_plan, self, NULL);
}

/* The pause reason the ACD knows for @kind; NULL for work. */
static const char *
reason_for (PltScenario     *scenario,
            PltActivityKind  kind)
{
  const char *code = plt_activity_kind_to_string (kind);

  if (kind == PLT_ACTIVITY_WORK)
    return NULL;
  if (plt_scenario_find_pause (scenario, code) >= 0)
    return code;
  if (plt_scenario_find_pause (scenario, "break") >= 0)
    return "break";
  if (scenario->pauses->len > 0)
    return ((PltScenarioPause *) g_ptr_array_index (scenario->pauses, 0))->reason;
  return NULL;
}

void
plt_planning_service_follow (PltPlanningService *self,
                             gint64              now)
{
  PltScenario *scenario;
  PltWeek weeks[2];
  GDate date;

  if (self->acd == NULL)
    return;

  scenario = plt_acd_get_scenario (self->acd);
  plt_site_get_date (self->site, now, &date);
  g_date_subtract_days (&date, 1);
  plt_week_from_date (&date, &weeks[0]);
  g_date_add_days (&date, 7);
  plt_week_from_date (&date, &weeks[1]);

  for (guint t = 0; t < self->team_order->len; t++)
    {
      Team *team = g_ptr_array_index (self->team_order, t);
      g_autoptr(PltSchedule) first = plt_planning_service_dup_published (self, team->id, &weeks[0], NULL);
      g_autoptr(PltSchedule) second = plt_week_equal (&weeks[0], &weeks[1])
                                      ? NULL : plt_planning_service_dup_published (self, team->id, &weeks[1], NULL);

      if (first == NULL && second == NULL)
        continue;   /* never published: the scenario's own schedule stays */

      for (guint a = 0; a < team->agents->len; a++)
        {
          const PltPlanningAgent *agent = g_ptr_array_index (team->agents, a);
          g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (PltShiftSegment));
          g_autoptr(GError) error = NULL;
          PltSchedule *schedules[2] = { first, second };
          PltShiftPlan plan;

          for (guint s = 0; s < 2; s++)
            {
              g_autoptr(GPtrArray) days = NULL;

              if (schedules[s] == NULL)
                continue;
              days = plt_schedule_list_days (schedules[s]);
              for (guint d = 0; d < days->len; d++)
                {
                  PltAgentDay *day = g_ptr_array_index (days, d);

                  if (strcmp (day->agent, agent->id) != 0)
                    continue;
                  for (guint i = 0; i < day->shifts->len; i++)
                    {
                      const PltShift *shift = g_ptr_array_index (day->shifts, i);

                      for (guint j = 0; j < shift->activities->len; j++)
                        {
                          const PltActivity *act = g_ptr_array_index (shift->activities, j);
                          PltShiftSegment segment = { act->start, act->end, reason_for (scenario, act->kind) };

                          if (act->kind == PLT_ACTIVITY_OFF || act->kind == PLT_ACTIVITY_TIME_OFF)
                            continue;
                          if (segments->len > 0)
                            {
                              PltShiftSegment *last = &g_array_index (segments, PltShiftSegment, segments->len - 1);

                              /* Overlapping shifts (a rule violation): the first wins. */
                              segment.start = MAX (segment.start, last->end);
                              if (segment.start >= segment.end)
                                continue;
                              if (last->end == segment.start && g_strcmp0 (last->reason, segment.reason) == 0)
                                {
                                  last->end = segment.end;
                                  continue;
                                }
                            }
                          g_array_append_val (segments, segment);
                        }
                    }
                }
            }

          plan.segments = (const PltShiftSegment *) segments->data;
          plan.n_segments = segments->len;
          if (!plt_acd_set_shift_plan (self->acd, agent->id, &plan, &error))
            g_info ("planning: agent %s cannot follow the plan: %s", agent->id, error->message);
        }
    }
}

static gboolean
follow_later (gpointer user_data)
{
  PltPlanningService *self = user_data;

  g_clear_pointer (&self->follow_source, g_source_unref);
  if (self->acd != NULL)
    plt_planning_service_follow (self, plt_acd_get_now (self->acd));
  return G_SOURCE_REMOVE;
}

/* A new day: the ACD is advancing; follow once it is done. */
static void
on_day_started (PltAcd   *acd,
                gint64    day_start,
                gpointer  user_data)
{
  PltPlanningService *self = user_data;

  if (self->follow_source != NULL)
    return;
  self->follow_source = g_idle_source_new ();
  g_source_set_callback (self->follow_source, follow_later, self, NULL);
  g_source_set_static_name (self->follow_source, "[plateau-router] planning follow");
  g_source_attach (self->follow_source, g_main_context_get_thread_default ());
}

void
plt_planning_service_set_acd (PltPlanningService *self,
                              PltAcd             *acd)
{
  if (self->follow_source != NULL)
    {
      g_source_destroy (self->follow_source);
      g_clear_pointer (&self->follow_source, g_source_unref);
    }
  if (self->acd != NULL)
    {
      g_clear_signal_handler (&self->day_handler, self->acd);
      g_object_remove_weak_pointer (G_OBJECT (self->acd), (gpointer *) &self->acd);
      self->acd = NULL;
    }
  if (acd != NULL)
    {
      self->acd = acd;
      g_object_add_weak_pointer (G_OBJECT (acd), (gpointer *) &self->acd);
      self->day_handler = g_signal_connect (acd, "day-started", G_CALLBACK (on_day_started), self);
    }
}

/* ---------------------------------------------------------------------------
 * The demo's plan
 */

static PltShift *
demo_shift (const char *id,
            gint64      start,
            const char * const *queues)
{
  static const struct { PltActivityKind kind; int minutes; } parts[] = {
    { PLT_ACTIVITY_WORK, 120 }, { PLT_ACTIVITY_BREAK, 15 }, { PLT_ACTIVITY_WORK, 105 },
    { PLT_ACTIVITY_LUNCH, 45 }, { PLT_ACTIVITY_WORK, 105 }, { PLT_ACTIVITY_BREAK, 15 },
    { PLT_ACTIVITY_WORK, 105 },
  };
  PltShift *shift = g_new0 (PltShift, 1);
  gint64 at = start;

  shift->id = g_strdup (id);
  shift->activities = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_activity_free);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      gint64 end = at + parts[i].minutes * PLT_MS_PER_MINUTE;

      g_ptr_array_add (shift->activities, plt_activity_new (parts[i].kind, at, end, queues));
      at = end;
    }
  plt_shift_normalize (shift, NULL);
  return shift;
}

static gboolean
team_has_schedule (PltScenario *scenario,
                   const char  *team_id)
{
  int index = plt_scenario_find_team (scenario, team_id);

  if (index < 0)
    return FALSE;
  if (((PltScenarioTeam *) g_ptr_array_index (scenario->teams, index))->schedule >= 0)
    return TRUE;
  for (guint i = 0; i < scenario->agents->len; i++)
    {
      PltScenarioAgent *agent = g_ptr_array_index (scenario->agents, i);

      if ((int) agent->team == index && agent->schedule >= 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
plt_planning_service_ensure_today (PltPlanningService  *self,
                                   gint64               now,
                                   GError             **error)
{
  PltWeek week;
  GDate today;
  g_autofree char *week_name = NULL;
  gint64 hour = now - now % PLT_MS_PER_HOUR;

  gboolean ok = TRUE;

  plt_site_get_date (self->site, now, &today);
  plt_week_from_date (&today, &week);
  week_name = plt_week_to_string (&week);

  self->batch = TRUE;
  for (guint t = 0; ok && t < self->team_order->len; t++)
    {
      Team *team = g_ptr_array_index (self->team_order, t);
      g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);
      g_auto(Version) published = { 0 };
      gboolean has_today = FALSE;
      gint64 revision;

      /* A scenario's own schedules are its plan: leave those teams be. */
      if (self->acd != NULL && team_has_schedule (plt_acd_get_scenario (self->acd), team->id))
        continue;

      load_version (self, team->id, week_name, &published);
      for (guint i = 0; i < published.days->len; i++)
        {
          PltAgentDay *day = g_ptr_array_index (published.days, i);

          if (g_date_compare (&day->date, &today) == 0 && day->shifts->len > 0)
            has_today = TRUE;
        }
      if (has_today)
        continue;

      /* Shifts around now, staggered by an hour; one agent in four starts
       * later, so that the demo shows a planned login. */
      for (guint a = 0; a < team->agents->len; a++)
        {
          const PltPlanningAgent *agent = g_ptr_array_index (team->agents, a);
          g_autofree char *id = g_strdup_printf ("s-r-%s-%s-%u", team->id, week_name, g_date_get_day (&today) * 1000 + a);
          gint64 start = a % 4 == 3 ? hour + PLT_MS_PER_HOUR : hour - (gint64) (a % 4 + 1) * PLT_MS_PER_HOUR;
          PltAgentDay *day = plt_agent_day_new (agent->id, &today);
          GDate start_date;

          plt_site_get_date (self->site, start, &start_date);
          if (g_date_compare (&start_date, &today) != 0)
            {
              /* The shift starts on another day: it belongs there. */
              plt_agent_day_unref (day);
              day = plt_agent_day_new (agent->id, &start_date);
            }
          plt_agent_day_add_shift (day, demo_shift (id, start, NULL));
          g_ptr_array_add (days, day);
        }

      /* Days of another week (a shift from yesterday evening on a Monday)
       * are left out: the draft is per week. */
      for (guint i = days->len; i > 0; i--)
        {
          PltWeek w;

          plt_week_from_date (&((PltAgentDay *) g_ptr_array_index (days, i - 1))->date, &w);
          if (!plt_week_equal (&w, &week))
            g_ptr_array_remove_index (days, i - 1);
        }

      if (!plt_db_begin (self->db, error))
        {
          ok = FALSE;
          break;
        }
      revision = get_revision (self, team->id, week_name);
      {
        g_autoptr(GPtrArray) draft = load_draft (self, team->id, week_name);
        g_autoptr(PltSchedule) merged = plt_planning_message_dup_schedule (draft, NULL);

        /* Keep the draft's other days; replace these agents' days. */
        if (merged == NULL ||
            !store_days (self, team->id, week_name, revision, days, now, ROUTER_AUTHOR, error) ||
            !plt_db_commit (self->db, error))
          {
            plt_db_rollback (self->db);
            if (merged == NULL)
              g_set_error (error, PLT_DB_ERROR, PLT_DB_ERROR_SQL, "the stored draft of %s is damaged", team->id);
            ok = FALSE;
            break;
          }
      }
      if (publish (self, team, &week, revision + 1, now, ROUTER_AUTHOR, error) == 0)
        ok = FALSE;
    }
  self->batch = FALSE;
  if (ok)
    plt_planning_service_follow (self, now);
  g_message ("planning: a plan for today is published for every team without a schedule of its own");
  return ok;
}
