/* plt-persist.c — the ACD in the router's database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "plt-persist.h"

/*
 * The component "acd" of the database (plt-db.h): WAL journal,
 * synchronous=NORMAL. Finished contacts and closed agent intervals are
 * queued as they happen and written together, in one transaction, every
 * second: a crash of the router loses at most the second not yet written
 * (docs/router.md, "Durability").
 */

static const PltDbMigration migrations[] = {
  { 1,
    "CREATE TABLE acd_settings ("
    "  key   TEXT PRIMARY KEY NOT NULL,"
    "  value TEXT NOT NULL);"
    "CREATE TABLE acd_teams ("
    "  id       TEXT PRIMARY KEY NOT NULL,"
    "  name     TEXT NOT NULL,"
    "  position INTEGER NOT NULL);"
    "CREATE TABLE acd_queues ("
    "  id             TEXT PRIMARY KEY NOT NULL,"
    "  name           TEXT NOT NULL,"
    "  media          TEXT NOT NULL CHECK (media IN ('inbound', 'outbound', 'callback', 'email')),"
    "  priority       INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 10),"
    "  sl_threshold_s INTEGER NOT NULL CHECK (sl_threshold_s BETWEEN 1 AND 86400),"
    "  sl_target      REAL NOT NULL CHECK (sl_target BETWEEN 0 AND 1),"
    "  position       INTEGER NOT NULL);"
    "CREATE TABLE acd_agents ("
    "  id       TEXT PRIMARY KEY NOT NULL,"
    "  name     TEXT NOT NULL,"
    "  team_id  TEXT NOT NULL REFERENCES acd_teams (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL);"
    "CREATE TABLE acd_skills ("
    "  agent_id TEXT NOT NULL REFERENCES acd_agents (id) ON DELETE CASCADE,"
    "  queue_id TEXT NOT NULL REFERENCES acd_queues (id) ON DELETE CASCADE,"
    "  level    INTEGER NOT NULL CHECK (level BETWEEN 1 AND 9),"
    "  position INTEGER NOT NULL,"
    "  PRIMARY KEY (agent_id, queue_id));"
    "CREATE TABLE acd_reason_codes ("
    "  code          TEXT PRIMARY KEY NOT NULL,"
    "  label         TEXT NOT NULL,"
    "  handles_email INTEGER NOT NULL DEFAULT 0,"
    "  system        INTEGER NOT NULL DEFAULT 0,"
    "  position      INTEGER NOT NULL);"
    "CREATE TABLE acd_contacts ("
    "  number        INTEGER PRIMARY KEY NOT NULL,"
    "  queue_id      TEXT NOT NULL,"
    "  media         TEXT NOT NULL,"
    "  origin        TEXT NOT NULL,"
    "  parent        INTEGER,"
    "  agent_id      TEXT,"
    "  enqueued      INTEGER NOT NULL,"
    "  offered       INTEGER,"
    "  answered      INTEGER,"
    "  hold_total_ms INTEGER NOT NULL DEFAULT 0,"
    "  hold_count    INTEGER NOT NULL DEFAULT 0,"
    "  ended         INTEGER NOT NULL,"
    "  wrap_end      INTEGER,"
    "  outcome       TEXT NOT NULL,"
    "  rona_count    INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX acd_contacts_by_end ON acd_contacts (ended);"
    "CREATE TABLE acd_agent_states ("
    "  id       INTEGER PRIMARY KEY,"
    "  agent_id TEXT NOT NULL,"
    "  status   TEXT NOT NULL,"
    "  activity TEXT NOT NULL,"
    "  reason   TEXT,"
    "  queue_id TEXT,"
    "  contact  INTEGER,"
    "  since    INTEGER NOT NULL,"
    "  until    INTEGER NOT NULL);"
    "CREATE INDEX acd_agent_states_by_end ON acd_agent_states (until);"
    "CREATE INDEX acd_agent_states_by_agent ON acd_agent_states (agent_id, since);"
    "CREATE VIEW acd_contact_holds AS"
    "  SELECT contact, agent_id, since AS hold_start, until AS hold_end"
    "  FROM acd_agent_states WHERE activity = 'on_hold' AND contact IS NOT NULL;" },
  /* When a contact finished: the end of its wrap-up, or its end. */
  { 2,
    "ALTER TABLE acd_contacts ADD COLUMN finished INTEGER NOT NULL DEFAULT 0;"
    "UPDATE acd_contacts SET finished = MAX (ended, COALESCE (wrap_end, 0));"
    "CREATE INDEX acd_contacts_by_finish ON acd_contacts (finished);" },
};

struct _PltPersist
{
  GObject       parent_instance;

  PltDb        *db;
  PltAcd       *acd;
  GSource      *timer;
  GPtrArray    *contacts;     /* PltContactRecord*, pending */
  GPtrArray    *intervals;    /* PltAgentInterval*, pending */
  sqlite3_stmt *insert_contact;
  sqlite3_stmt *insert_interval;
  guint         n_history;    /* rows plt_persist_load_history() found */
  gint64        retention_ms; /* records older are deleted, a little at a time */
};

G_DEFINE_FINAL_TYPE (PltPersist, plt_persist, G_TYPE_OBJECT)

static void detach (PltPersist *self);

static void
plt_persist_dispose (GObject *object)
{
  PltPersist *self = PLT_PERSIST (object);

  detach (self);
  g_clear_pointer (&self->insert_contact, sqlite3_finalize);
  g_clear_pointer (&self->insert_interval, sqlite3_finalize);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (plt_persist_parent_class)->dispose (object);
}

static void
plt_persist_finalize (GObject *object)
{
  PltPersist *self = PLT_PERSIST (object);

  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->intervals, g_ptr_array_unref);

  G_OBJECT_CLASS (plt_persist_parent_class)->finalize (object);
}

static void
plt_persist_class_init (PltPersistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_persist_dispose;
  object_class->finalize = plt_persist_finalize;
}

static void
plt_persist_init (PltPersist *self)
{
  self->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_contact_record_free);
  self->intervals = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_interval_free);
}

static gboolean
step_done (PltPersist    *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, PLT_DB_ERROR, PLT_DB_ERROR_SQL, "Cannot write to the database: %s",
                   sqlite3_errmsg (plt_db_get_handle (self->db)));
      return FALSE;
    }

  return TRUE;
}

PltPersist *
plt_persist_new (PltDb   *db,
                 GError **error)
{
  g_autoptr(PltPersist) self = NULL;

  g_return_val_if_fail (PLT_IS_DB (db), NULL);

  if (!plt_db_migrate (db, "acd", migrations, G_N_ELEMENTS (migrations), error))
    return NULL;

  self = g_object_new (PLT_TYPE_PERSIST, NULL);
  self->db = g_object_ref (db);
  self->retention_ms = (gint64) PLT_PERSIST_RETENTION_DAYS * 24 * 3600 * 1000;
  self->insert_contact = plt_db_prepare (db,
    "INSERT OR REPLACE INTO acd_contacts (number, queue_id, media, origin, parent, agent_id, enqueued,"
    " offered, answered, hold_total_ms, hold_count, ended, wrap_end, outcome, rona_count, finished)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)", error);
  if (self->insert_contact == NULL)
    return NULL;
  self->insert_interval = plt_db_prepare (db,
    "INSERT INTO acd_agent_states (agent_id, status, activity, reason, queue_id, contact, since, until)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (self->insert_interval == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/* The configuration. */

static char *
get_setting (PltPersist *self,
             const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = plt_db_prepare (self->db, "SELECT value FROM acd_settings WHERE key = ?1", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
exec_bound (PltPersist    *self,
            const char    *sql,
            GError       **error,
            const char    *format,
            ...)
{
  g_autoptr(sqlite3_stmt) stmt = plt_db_prepare (self->db, sql, error);
  va_list args;
  int index = 1;

  if (stmt == NULL)
    return FALSE;

  /* format: one letter per parameter: s (string, may be NULL), i (gint64), d (double) */
  va_start (args, format);
  for (const char *f = format; *f != '\0'; f++, index++)
    {
      if (*f == 's')
        {
          const char *text = va_arg (args, const char *);

          if (text != NULL)
            sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
          else
            sqlite3_bind_null (stmt, index);
        }
      else if (*f == 'i')
        sqlite3_bind_int64 (stmt, index, va_arg (args, gint64));
      else
        sqlite3_bind_double (stmt, index, va_arg (args, double));
    }
  va_end (args);

  return step_done (self, stmt, error);
}

static gboolean
write_config (PltPersist   *self,
              PltScenario  *scenario,
              GError      **error)
{
  if (!plt_db_exec (self->db,
                    "DELETE FROM acd_skills; DELETE FROM acd_agents; DELETE FROM acd_teams;"
                    "DELETE FROM acd_queues; DELETE FROM acd_reason_codes;", error))
    return FALSE;

  for (guint i = 0; i < scenario->teams->len; i++)
    {
      PltScenarioTeam *team = g_ptr_array_index (scenario->teams, i);

      if (!exec_bound (self, "INSERT INTO acd_teams (id, name, position) VALUES (?1, ?2, ?3)", error,
                       "ssi", team->id, team->name, (gint64) i))
        return FALSE;
    }

  for (guint i = 0; i < scenario->queues->len; i++)
    {
      PltScenarioQueue *queue = g_ptr_array_index (scenario->queues, i);

      if (!exec_bound (self,
                       "INSERT INTO acd_queues (id, name, media, priority, sl_threshold_s, sl_target, position)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error,
                       "sssiidi", queue->id, queue->name, plt_queue_media_to_string (queue->media),
                       (gint64) queue->priority, (gint64) queue->sl_threshold_s, queue->sl_target, (gint64) i))
        return FALSE;
    }

  for (guint i = 0; i < scenario->agents->len; i++)
    {
      PltScenarioAgent *agent = g_ptr_array_index (scenario->agents, i);
      PltScenarioTeam *team = g_ptr_array_index (scenario->teams, agent->team);

      if (!exec_bound (self, "INSERT INTO acd_agents (id, name, team_id, position) VALUES (?1, ?2, ?3, ?4)", error,
                       "sssi", agent->id, agent->name, team->id, (gint64) i))
        return FALSE;

      for (guint s = 0; s < agent->skills->len; s++)
        {
          PltScenarioSkill *skill = &g_array_index (agent->skills, PltScenarioSkill, s);
          PltScenarioQueue *queue = g_ptr_array_index (scenario->queues, skill->queue);

          if (!exec_bound (self,
                           "INSERT INTO acd_skills (agent_id, queue_id, level, position) VALUES (?1, ?2, ?3, ?4)",
                           error, "ssii", agent->id, queue->id, (gint64) skill->level, (gint64) s))
            return FALSE;
        }
    }

  for (guint i = 0; i < scenario->pauses->len; i++)
    {
      PltScenarioPause *pause = g_ptr_array_index (scenario->pauses, i);

      if (!exec_bound (self,
                       "INSERT INTO acd_reason_codes (code, label, handles_email, system, position)"
                       " VALUES (?1, ?2, ?3, 0, ?4)", error,
                       "ssii", pause->reason, pause->label, (gint64) pause->handles_email, (gint64) i))
        return FALSE;
    }

  if (!exec_bound (self,
                   "INSERT INTO acd_reason_codes (code, label, handles_email, system, position)"
                   " VALUES (?1, 'Missed call', 0, 1, ?2)", error,
                   "si", PLT_REASON_NO_ANSWER, (gint64) scenario->pauses->len))
    return FALSE;

  return exec_bound (self,
                     "INSERT INTO acd_settings (key, value) VALUES ('scenario', ?1)"
                     " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error,
                     "s", scenario->name);
}

static PltScenarioTeam *
team_new (const char *id,
          const char *name,
          int         schedule)
{
  PltScenarioTeam *team = g_new0 (PltScenarioTeam, 1);

  team->id = g_strdup (id);
  team->name = g_strdup (name);
  team->schedule = schedule;

  return team;
}

/* The database's configuration, with @file's traffic: a queue keeps the
 * traffic of the file's queue of the same id (none if the file has no such
 * queue), an agent the schedule of the file's agent of the same id. */
static PltScenario *
read_config (PltPersist   *self,
             PltScenario  *file,
             GError      **error)
{
  g_autoptr(PltScenario) merged = plt_scenario_new ();
  g_autoptr(GHashTable) teams = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) queues = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) agents = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) file_agents = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  merged->name = g_strdup (file->name);
  merged->time_zone = g_strdup (file->time_zone);
  merged->warm_up_minutes = file->warm_up_minutes;
  merged->behaviour = file->behaviour;

  for (guint i = 0; i < file->schedules->len; i++)
    {
      PltScenarioSchedule *schedule = g_ptr_array_index (file->schedules, i);
      PltScenarioSchedule *copy = g_memdup2 (schedule, sizeof *schedule);

      copy->id = g_strdup (schedule->id);
      copy->breaks = g_array_copy (schedule->breaks);
      g_ptr_array_add (merged->schedules, copy);
    }
  for (guint i = 0; i < file->agents->len; i++)
    {
      PltScenarioAgent *agent = g_ptr_array_index (file->agents, i);

      g_hash_table_insert (file_agents, agent->id, agent);
    }

  /* Reason codes: the file's rates for the codes it has. */
  stmt = plt_db_prepare (self->db,
                         "SELECT code, label, handles_email FROM acd_reason_codes WHERE system = 0 ORDER BY position",
                         error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      int in_file = plt_scenario_find_pause (file, code);
      PltScenarioPause *pause = g_new0 (PltScenarioPause, 1);

      pause->reason = g_strdup (code);
      pause->label = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      pause->handles_email = sqlite3_column_int (stmt, 2) != 0;
      if (in_file >= 0)
        {
          PltScenarioPause *spec = g_ptr_array_index (file->pauses, in_file);

          pause->per_hour = spec->per_hour;
          pause->mean_minutes = spec->mean_minutes;
        }
      else
        pause->mean_minutes = 15;
      g_ptr_array_add (merged->pauses, pause);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* The schedules' breaks name reasons by index: map them. */
  for (guint i = 0; i < merged->schedules->len; i++)
    {
      PltScenarioSchedule *schedule = g_ptr_array_index (merged->schedules, i);

      for (guint b = 0; b < schedule->breaks->len; )
        {
          PltScenarioBreak *brk = &g_array_index (schedule->breaks, PltScenarioBreak, b);
          PltScenarioPause *spec = g_ptr_array_index (file->pauses, brk->pause);
          int index = plt_scenario_find_pause (merged, spec->reason);

          if (index < 0)
            g_array_remove_index (schedule->breaks, b);   /* the code was removed */
          else
            {
              brk->pause = (guint) index;
              b++;
            }
        }
    }

  stmt = plt_db_prepare (self->db, "SELECT id, name FROM acd_teams ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      int in_file = plt_scenario_find_team (file, id);
      PltScenarioTeam *team = team_new (id, (const char *) sqlite3_column_text (stmt, 1),
                                        in_file >= 0 ? ((PltScenarioTeam *) g_ptr_array_index (file->teams, in_file))->schedule : -1);

      g_ptr_array_add (merged->teams, team);
      g_hash_table_insert (teams, team->id, GUINT_TO_POINTER (merged->teams->len));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = plt_db_prepare (self->db,
                         "SELECT id, name, media, priority, sl_threshold_s, sl_target FROM acd_queues ORDER BY position",
                         error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      PltQueueMedia media = plt_queue_media_from_string ((const char *) sqlite3_column_text (stmt, 2));
      int in_file = plt_scenario_find_queue (file, id);
      PltScenarioQueue *queue;

      if (in_file >= 0 && ((PltScenarioQueue *) g_ptr_array_index (file->queues, in_file))->media == media)
        queue = plt_scenario_queue_copy (g_ptr_array_index (file->queues, in_file));
      else
        queue = plt_scenario_queue_new (id, NULL, media, 0);

      g_free (queue->name);
      queue->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      queue->priority = (guint) sqlite3_column_int (stmt, 3);
      queue->sl_threshold_s = (guint) sqlite3_column_int (stmt, 4);
      queue->sl_target = sqlite3_column_double (stmt, 5);
      g_ptr_array_add (merged->queues, queue);
      g_hash_table_insert (queues, queue->id, GUINT_TO_POINTER (merged->queues->len));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Links between queues: by id, kept when both ends are still there. */
  for (guint i = 0; i < merged->queues->len; i++)
    {
      PltScenarioQueue *queue = g_ptr_array_index (merged->queues, i);
      int in_file = plt_scenario_find_queue (file, queue->id);
      PltScenarioQueue *spec = in_file >= 0 ? g_ptr_array_index (file->queues, in_file) : NULL;
      g_autoptr(GArray) transfer_to = g_array_new (FALSE, FALSE, sizeof (guint));

      queue->overflow_queue = -1;
      queue->callback_queue = -1;
      if (spec == NULL || spec->media != queue->media)
        {
          g_array_set_size (queue->transfer_to, 0);
          continue;
        }

      if (spec->overflow_queue >= 0)
        queue->overflow_queue = GPOINTER_TO_INT (g_hash_table_lookup (queues,
                                ((PltScenarioQueue *) g_ptr_array_index (file->queues, spec->overflow_queue))->id)) - 1;
      if (spec->callback_queue >= 0)
        queue->callback_queue = GPOINTER_TO_INT (g_hash_table_lookup (queues,
                                ((PltScenarioQueue *) g_ptr_array_index (file->queues, spec->callback_queue))->id)) - 1;
      for (guint t = 0; t < spec->transfer_to->len; t++)
        {
          const char *target = ((PltScenarioQueue *) g_ptr_array_index (file->queues,
                                g_array_index (spec->transfer_to, guint, t)))->id;
          guint index = GPOINTER_TO_UINT (g_hash_table_lookup (queues, target));

          if (index > 0)
            {
              index--;
              g_array_append_val (transfer_to, index);
            }
        }
      g_array_unref (queue->transfer_to);
      queue->transfer_to = g_steal_pointer (&transfer_to);
    }

  stmt = plt_db_prepare (self->db, "SELECT id, name, team_id FROM acd_agents ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      guint team = GPOINTER_TO_UINT (g_hash_table_lookup (teams, sqlite3_column_text (stmt, 2)));
      PltScenarioAgent *in_file = g_hash_table_lookup (file_agents, id);
      PltScenarioAgent *agent;

      if (team == 0)
        continue;   /* the foreign key makes it impossible */

      agent = g_new0 (PltScenarioAgent, 1);
      agent->id = g_strdup (id);
      agent->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      agent->team = team - 1;
      agent->skills = g_array_new (FALSE, FALSE, sizeof (PltScenarioSkill));
      agent->schedule = in_file != NULL ? in_file->schedule : -1;
      g_ptr_array_add (merged->agents, agent);
      g_hash_table_insert (agents, agent->id, agent);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = plt_db_prepare (self->db, "SELECT agent_id, queue_id, level FROM acd_skills ORDER BY agent_id, position",
                         error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PltScenarioAgent *agent = g_hash_table_lookup (agents, sqlite3_column_text (stmt, 0));
      guint queue = GPOINTER_TO_UINT (g_hash_table_lookup (queues, sqlite3_column_text (stmt, 1)));
      PltScenarioSkill skill;

      if (agent == NULL || queue == 0)
        continue;
      skill.queue = queue - 1;
      skill.level = CLAMP ((guint) sqlite3_column_int (stmt, 2), 1, PLT_SCENARIO_MAX_LEVEL);
      g_array_append_val (agent->skills, skill);
    }

  if (merged->queues->len == 0 || merged->agents->len == 0)
    {
      g_set_error (error, PLT_DB_ERROR, PLT_DB_ERROR_SQL,
                   "The database “%s” has no queue or no agent in its configuration",
                   plt_db_get_path (self->db));
      return NULL;
    }

  return g_steal_pointer (&merged);
}

PltScenario *
plt_persist_load_config (PltPersist   *self,
                         PltScenario  *scenario,
                         GError      **error)
{
  g_autofree char *stored = NULL;

  g_return_val_if_fail (PLT_IS_PERSIST (self), NULL);
  g_return_val_if_fail (scenario != NULL, NULL);

  stored = get_setting (self, "scenario");
  if (g_strcmp0 (stored, scenario->name) != 0)
    {
      if (stored != NULL)
        g_message ("The database held the configuration of the scenario “%s”: it now holds “%s”'s",
                   stored, scenario->name);

      if (!plt_db_begin (self->db, error))
        return NULL;
      if (!write_config (self, scenario, error) || !plt_db_commit (self->db, error))
        {
          plt_db_rollback (self->db);
          return NULL;
        }
    }

  /* The retention: in the settings, to edit; 92 days unless set. */
  {
    g_autofree char *days = get_setting (self, "retention_days");
    guint64 value = PLT_PERSIST_RETENTION_DAYS;

    if (days == NULL)
      {
        if (!exec_bound (self, "INSERT INTO acd_settings (key, value) VALUES ('retention_days', ?1)", error,
                         "i", (gint64) PLT_PERSIST_RETENTION_DAYS))
          return NULL;
      }
    else if (!g_ascii_string_to_unsigned (days, 10, 1, 100000, &value, NULL))
      g_message ("acd_settings.retention_days is “%s”, not a number of days: %d days are kept",
                 days, PLT_PERSIST_RETENTION_DAYS);
    self->retention_ms = (gint64) value * 24 * 3600 * 1000;
  }

  return read_config (self, scenario, error);
}

/* The history. */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static char *
contact_id (gint64 number)
{
  return g_strdup_printf ("c-%" G_GINT64_FORMAT, number);
}

/* A row of SELECT number, queue_id, media, origin, parent, agent_id,
 * enqueued, offered, answered, hold_total_ms, hold_count, ended, wrap_end,
 * outcome, rona_count. */
static PltContactRecord *
read_contact (sqlite3_stmt *stmt)
{
  PltContactRecord *record = g_new0 (PltContactRecord, 1);

  record->id = contact_id (sqlite3_column_int64 (stmt, 0));
  record->queue = g_strdup (column_text (stmt, 1));
  record->media = plt_queue_media_from_string (column_text (stmt, 2));
  record->origin = plt_contact_origin_from_string (column_text (stmt, 3));
  record->parent = sqlite3_column_type (stmt, 4) != SQLITE_NULL ? contact_id (sqlite3_column_int64 (stmt, 4)) : NULL;
  record->agent = g_strdup (column_text (stmt, 5));
  record->enqueued = sqlite3_column_int64 (stmt, 6);
  record->offered = sqlite3_column_int64 (stmt, 7);
  record->answered = sqlite3_column_int64 (stmt, 8);
  record->hold_total_ms = sqlite3_column_int64 (stmt, 9);
  record->hold_count = (guint) sqlite3_column_int (stmt, 10);
  record->ended = sqlite3_column_int64 (stmt, 11);
  record->wrap_end = sqlite3_column_int64 (stmt, 12);
  record->outcome = plt_contact_outcome_from_string (column_text (stmt, 13));
  record->rona_count = (guint) sqlite3_column_int (stmt, 14);
  return record;
}

/* A row of SELECT agent_id, status, activity, reason, queue_id, contact,
 * since, until. */
static PltAgentInterval *
read_interval (sqlite3_stmt *stmt)
{
  PltAgentInterval *interval = g_new0 (PltAgentInterval, 1);

  interval->agent = g_strdup (column_text (stmt, 0));
  interval->status = plt_agent_status_from_string (column_text (stmt, 1));
  interval->activity = plt_agent_activity_from_string (column_text (stmt, 2));
  interval->reason = g_strdup (column_text (stmt, 3));
  interval->queue = g_strdup (column_text (stmt, 4));
  interval->contact = sqlite3_column_type (stmt, 5) != SQLITE_NULL ? contact_id (sqlite3_column_int64 (stmt, 5)) : NULL;
  interval->start = sqlite3_column_int64 (stmt, 6);
  interval->end = sqlite3_column_int64 (stmt, 7);
  return interval;
}

gboolean
plt_persist_load_history (PltPersist     *self,
                          PltScenario    *scenario,
                          gint64          now_ms,
                          PltAcdHistory  *history,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 day_start;

  g_return_val_if_fail (PLT_IS_PERSIST (self), FALSE);
  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (history != NULL, FALSE);

  memset (history, 0, sizeof *history);
  history->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_contact_record_free);
  history->intervals = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_interval_free);
  day_start = plt_acd_day_start_for (scenario, now_ms);

  stmt = plt_db_prepare (self->db, "SELECT MAX(number) FROM acd_contacts", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    history->last_contact = (guint64) MAX (sqlite3_column_int64 (stmt, 0), 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = plt_db_prepare (self->db,
                         "SELECT number, queue_id, media, origin, parent, agent_id, enqueued, offered, answered,"
                         " hold_total_ms, hold_count, ended, wrap_end, outcome, rona_count"
                         " FROM acd_contacts WHERE finished >= ?1 ORDER BY finished, number", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, day_start);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (history->contacts, read_contact (stmt));
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = plt_db_prepare (self->db,
                         "SELECT agent_id, status, activity, reason, queue_id, contact, since, until"
                         " FROM acd_agent_states WHERE until > ?1 ORDER BY until, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, day_start);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (history->intervals, read_interval (stmt));

  self->n_history = history->contacts->len + history->intervals->len;
  return TRUE;
}

/* Reading a past period, from any thread. */

gboolean
plt_persist_read_range (const char            *path,
                        gint64                 from,
                        gint64                 to,
                        gint64                 until,
                        PltContactRecordFunc   contact_func,
                        PltAgentIntervalFunc   interval_func,
                        gpointer               user_data,
                        GError               **error)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  if (until <= from)
    return TRUE;

  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    goto out;
  /* The router's writer holds the lock for a moment at most (WAL). */
  sqlite3_busy_timeout (handle, 5000);

  /* Contacts that finished in [from, until) and arrived before to: ended
   * or finished in the period, or enqueued in it (enqueued ≤ finished). */
  rc = sqlite3_prepare_v2 (handle,
                           "SELECT number, queue_id, media, origin, parent, agent_id, enqueued, offered, answered,"
                           " hold_total_ms, hold_count, ended, wrap_end, outcome, rona_count"
                           " FROM acd_contacts WHERE finished >= ?1 AND finished < ?2 AND enqueued < ?3"
                           " ORDER BY finished, number", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    goto out;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, until);
  sqlite3_bind_int64 (stmt, 3, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PltContactRecord *record = read_contact (stmt);
      gboolean more = contact_func == NULL || contact_func (record, user_data);

      plt_contact_record_free (record);
      if (!more)
        break;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    goto out;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Agent intervals that ended in (from, until] and started before to, in
   * time order (each agent's in order). */
  if (interval_func != NULL)
    {
      rc = sqlite3_prepare_v2 (handle,
                               "SELECT agent_id, status, activity, reason, queue_id, contact, since, until"
                               " FROM acd_agent_states WHERE until > ?1 AND until <= ?2 AND since < ?3"
                               " ORDER BY until, id", -1, &stmt, NULL);
      if (rc != SQLITE_OK)
        goto out;
      sqlite3_bind_int64 (stmt, 1, from);
      sqlite3_bind_int64 (stmt, 2, until);
      sqlite3_bind_int64 (stmt, 3, to);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          PltAgentInterval *interval = read_interval (stmt);
          gboolean more = interval_func (interval, user_data);

          plt_agent_interval_free (interval);
          if (!more)
            break;
        }
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        goto out;
    }
  ok = TRUE;

out:
  if (!ok)
    g_set_error (error, PLT_DB_ERROR, PLT_DB_ERROR_SQL, "Cannot read the history in “%s”: %s", path,
                 handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close_v2 (handle);
  return ok;
}

/* Writing. */

static void
on_contact_finished (PltAcd                 *acd,
                     const PltContactRecord *record,
                     PltPersist             *self)
{
  g_ptr_array_add (self->contacts, plt_contact_record_copy (record));
}

static void
on_agent_interval (PltAcd                 *acd,
                   const PltAgentInterval *interval,
                   PltPersist             *self)
{
  g_ptr_array_add (self->intervals, plt_agent_interval_copy (interval));
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_time_or_null (sqlite3_stmt *stmt,
                   int           index,
                   gint64        time)
{
  if (time != 0)
    sqlite3_bind_int64 (stmt, index, time);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_contact_number (sqlite3_stmt *stmt,
                     int           index,
                     const char   *id)
{
  if (id != NULL && g_str_has_prefix (id, "c-"))
    sqlite3_bind_int64 (stmt, index, (gint64) g_ascii_strtoull (id + 2, NULL, 10));
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
write_contact (PltPersist              *self,
               const PltContactRecord  *record,
               GError                 **error)
{
  sqlite3_stmt *stmt = self->insert_contact;

  bind_contact_number (stmt, 1, record->id);
  sqlite3_bind_text (stmt, 2, record->queue, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, plt_queue_media_to_string (record->media), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, plt_contact_origin_to_string (record->origin), -1, SQLITE_STATIC);
  bind_contact_number (stmt, 5, record->parent);
  bind_text_or_null (stmt, 6, record->agent);
  sqlite3_bind_int64 (stmt, 7, record->enqueued);
  bind_time_or_null (stmt, 8, record->offered);
  bind_time_or_null (stmt, 9, record->answered);
  sqlite3_bind_int64 (stmt, 10, record->hold_total_ms);
  sqlite3_bind_int (stmt, 11, (int) record->hold_count);
  sqlite3_bind_int64 (stmt, 12, record->ended);
  bind_time_or_null (stmt, 13, record->wrap_end);
  sqlite3_bind_text (stmt, 14, plt_contact_outcome_to_string (record->outcome), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 15, (int) record->rona_count);
  sqlite3_bind_int64 (stmt, 16, MAX (record->ended, record->wrap_end));

  return step_done (self, stmt, error);
}

static gboolean
write_interval (PltPersist              *self,
                const PltAgentInterval  *interval,
                GError                 **error)
{
  sqlite3_stmt *stmt = self->insert_interval;

  sqlite3_bind_text (stmt, 1, interval->agent, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, plt_agent_status_to_string (interval->status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, plt_agent_activity_to_string (interval->activity), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, interval->reason);
  bind_text_or_null (stmt, 5, interval->queue);
  bind_contact_number (stmt, 6, interval->contact);
  sqlite3_bind_int64 (stmt, 7, interval->start);
  sqlite3_bind_int64 (stmt, 8, interval->end);

  return step_done (self, stmt, error);
}

gboolean
plt_persist_flush (PltPersist  *self,
                   GError     **error)
{
  g_return_val_if_fail (PLT_IS_PERSIST (self), FALSE);

  if (self->contacts->len == 0 && self->intervals->len == 0)
    return TRUE;

  if (!plt_db_begin (self->db, error))
    return FALSE;

  for (guint i = 0; i < self->contacts->len; i++)
    if (!write_contact (self, g_ptr_array_index (self->contacts, i), error))
      goto failed;
  for (guint i = 0; i < self->intervals->len; i++)
    if (!write_interval (self, g_ptr_array_index (self->intervals, i), error))
      goto failed;

  if (!plt_db_commit (self->db, error))
    goto failed;

  g_ptr_array_set_size (self->contacts, 0);
  g_ptr_array_set_size (self->intervals, 0);
  return TRUE;

failed:
  /* The rows stay pending: the next flush tries again. */
  plt_db_rollback (self->db);
  return FALSE;
}

gboolean
plt_persist_purge (PltPersist  *self,
                   gint64       now_ms,
                   guint       *n_deleted,
                   GError     **error)
{
  static const char * const deletes[] = {
    "DELETE FROM acd_contacts WHERE number IN"
    " (SELECT number FROM acd_contacts WHERE finished < ?1 LIMIT ?2)",
    "DELETE FROM acd_agent_states WHERE id IN"
    " (SELECT id FROM acd_agent_states WHERE until < ?1 LIMIT ?2)",
  };
  guint deleted = 0;

  g_return_val_if_fail (PLT_IS_PERSIST (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = plt_db_prepare (self->db, deletes[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, now_ms - self->retention_ms);
      sqlite3_bind_int (stmt, 2, PLT_PERSIST_PURGE_ROWS);
      if (!step_done (self, stmt, error))
        return FALSE;
      deleted += (guint) sqlite3_changes (plt_db_get_handle (self->db));
    }

  if (n_deleted != NULL)
    *n_deleted = deleted;
  return TRUE;
}

static gboolean
on_timer (gpointer user_data)
{
  PltPersist *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!plt_persist_flush (self, &error))
    g_warning ("Cannot save the contacts and agent states: %s", error->message);
  else if (!plt_persist_purge (self, plt_acd_get_now (self->acd), NULL, &error))
    g_warning ("Cannot delete the records older than the retention: %s", error->message);

  return G_SOURCE_CONTINUE;
}

static gboolean
queue_contact (const PltContactRecord *record,
               gpointer                user_data)
{
  on_contact_finished (NULL, record, user_data);
  return TRUE;
}

static gboolean
queue_closed_interval (const PltAgentInterval *interval,
                       gpointer                user_data)
{
  if (interval->end != 0)
    on_agent_interval (NULL, interval, user_data);
  return TRUE;
}

void
plt_persist_attach (PltPersist *self,
                    PltAcd     *acd)
{
  g_return_if_fail (PLT_IS_PERSIST (self));
  g_return_if_fail (PLT_IS_ACD (acd));
  g_return_if_fail (self->acd == NULL);

  self->acd = g_object_ref (acd);

  /* Without a history, the ACD warmed up: its records are today's too. */
  if (self->n_history == 0)
    {
      plt_acd_foreach_contact (acd, queue_contact, self);
      plt_acd_foreach_agent_interval (acd, queue_closed_interval, self);
    }

  g_signal_connect (acd, "contact-finished", G_CALLBACK (on_contact_finished), self);
  g_signal_connect (acd, "agent-interval", G_CALLBACK (on_agent_interval), self);

  self->timer = g_timeout_source_new (PLT_PERSIST_FLUSH_MS);
  g_source_set_callback (self->timer, on_timer, self, NULL);
  g_source_set_static_name (self->timer, "[plateau] persist");
  g_source_attach (self->timer, g_main_context_get_thread_default ());
}

static void
detach (PltPersist *self)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  if (self->acd != NULL)
    g_signal_handlers_disconnect_by_data (self->acd, self);
  g_clear_object (&self->acd);
}

static gboolean
add_open_contact (const PltContactRecord *record,
                  gpointer                user_data)
{
  PltPersist *self = user_data;
  PltContactRecord *copy = plt_contact_record_copy (record);

  /* Cut by the stop: its outcome stays none (or transferred, a transfer
   * done before), its end is now or the end of its talk. */
  if (copy->ended == 0)
    copy->ended = plt_acd_get_now (self->acd);
  copy->wrap_end = 0;
  g_ptr_array_add (self->contacts, copy);

  return TRUE;
}

static gboolean
add_open_interval (const PltAgentInterval *interval,
                   gpointer                user_data)
{
  PltPersist *self = user_data;
  gint64 now = plt_acd_get_now (self->acd);

  if (interval->end == 0 && interval->start < now)
    {
      PltAgentInterval *copy = plt_agent_interval_copy (interval);

      copy->end = now;
      g_ptr_array_add (self->intervals, copy);
    }

  return TRUE;
}

static gboolean
skip_closed (const PltAgentInterval *interval,
             gpointer                user_data)
{
  return interval->end != 0 || add_open_interval (interval, user_data);
}

gboolean
plt_persist_close (PltPersist  *self,
                   GError     **error)
{
  g_return_val_if_fail (PLT_IS_PERSIST (self), FALSE);

  if (self->acd != NULL)
    {
      plt_acd_foreach_open_contact (self->acd, add_open_contact, self);
      plt_acd_foreach_agent_interval (self->acd, skip_closed, self);
    }
  detach (self);

  return plt_persist_flush (self, error);
}

guint
plt_persist_get_n_pending (PltPersist *self)
{
  g_return_val_if_fail (PLT_IS_PERSIST (self), 0);

  return self->contacts->len + self->intervals->len;
}
