/* plt-planning-document.c — the planning an editor works on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "plt-planning-document.h"

#define DEFAULT_SNAP_MINUTES 15

typedef struct
{
  PltWeek      week;
  gint64       revision;
  PltSchedule *base;
  PltSchedule *published;   /* nullable, read-only */
  gint64       published_version;
} WeekState;

struct _PltPlanningDocument
{
  GObject           parent_instance;

  char             *team;
  PltSite          *site;
  char             *client_id;
  GPtrArray        *agents;      /* PltPlanningAgent* */
  PltPlanningRules *rules;
  guint             snap_minutes;

  PltSchedule      *draft;
  GHashTable       *weeks;       /* "2026-W48" → WeekState* */
  PltUndoStack     *undo;
  PltJournal       *journal;     /* nullable */
  GPtrArray        *conflicts;   /* PltMergeConflict*, by key */
};

enum
{
  PROP_0,
  PROP_SNAP_MINUTES,
  PROP_UNDO_STACK,
  N_PROPS
};

enum
{
  SIGNAL_CHANGED,
  SIGNAL_CONFLICTS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PltPlanningDocument, plt_planning_document, G_TYPE_OBJECT)

static void
week_state_free (gpointer data)
{
  WeekState *state = data;

  g_clear_pointer (&state->base, plt_schedule_unref);
  g_clear_pointer (&state->published, plt_schedule_unref);
  g_free (state);
}

static void
plt_planning_document_finalize (GObject *object)
{
  PltPlanningDocument *self = PLT_PLANNING_DOCUMENT (object);

  g_free (self->team);
  g_clear_pointer (&self->site, plt_site_free);
  g_free (self->client_id);
  g_clear_pointer (&self->agents, g_ptr_array_unref);
  g_clear_pointer (&self->rules, plt_planning_rules_free);
  g_clear_pointer (&self->draft, plt_schedule_unref);
  g_clear_pointer (&self->weeks, g_hash_table_unref);
  g_clear_object (&self->undo);
  g_clear_pointer (&self->journal, plt_journal_free);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);

  G_OBJECT_CLASS (plt_planning_document_parent_class)->finalize (object);
}

static void
plt_planning_document_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PltPlanningDocument *self = PLT_PLANNING_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_SNAP_MINUTES:
      g_value_set_uint (value, self->snap_minutes);
      break;
    case PROP_UNDO_STACK:
      g_value_set_object (value, self->undo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_planning_document_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PltPlanningDocument *self = PLT_PLANNING_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_SNAP_MINUTES:
      plt_planning_document_set_snap_minutes (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_planning_document_class_init (PltPlanningDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = plt_planning_document_finalize;
  object_class->get_property = plt_planning_document_get_property;
  object_class->set_property = plt_planning_document_set_property;

  properties[PROP_SNAP_MINUTES] =
    g_param_spec_uint ("snap-minutes", NULL, NULL, 0, 24 * 60, DEFAULT_SNAP_MINUTES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, PLT_TYPE_UNDO_STACK,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
  signals[SIGNAL_CONFLICTS_CHANGED] =
    g_signal_new ("conflicts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
plt_planning_document_init (PltPlanningDocument *self)
{
  self->agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_agent_free);
  self->rules = plt_planning_rules_new ();
  self->snap_minutes = DEFAULT_SNAP_MINUTES;
  self->draft = plt_schedule_new ();
  self->weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, week_state_free);
  self->undo = plt_undo_stack_new (0);
  self->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_merge_conflict_free);
}

PltPlanningDocument *
plt_planning_document_new (const char    *team,
                           const PltSite *site,
                           const char    *client_id)
{
  PltPlanningDocument *self;

  g_return_val_if_fail (team != NULL && site != NULL, NULL);

  self = g_object_new (PLT_TYPE_PLANNING_DOCUMENT, NULL);
  self->team = g_strdup (team);
  self->site = plt_site_copy (site);
  if (client_id != NULL)
    self->client_id = g_strdup (client_id);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();

      self->client_id = g_strndup (uuid, 8);
    }
  return self;
}

const char *
plt_planning_document_get_team (PltPlanningDocument *self)
{
  return self->team;
}

const PltSite *
plt_planning_document_get_site (PltPlanningDocument *self)
{
  return self->site;
}

const char *
plt_planning_document_get_client_id (PltPlanningDocument *self)
{
  return self->client_id;
}

void
plt_planning_document_set_agents (PltPlanningDocument *self,
                                  GPtrArray           *agents)
{
  g_ptr_array_set_size (self->agents, 0);
  for (guint i = 0; agents != NULL && i < agents->len; i++)
    g_ptr_array_add (self->agents, plt_planning_agent_copy (g_ptr_array_index (agents, i)));
}

GPtrArray *
plt_planning_document_get_agents (PltPlanningDocument *self)
{
  return self->agents;
}

const PltPlanningAgent *
plt_planning_document_lookup_agent (PltPlanningDocument *self,
                                    const char          *agent)
{
  for (guint i = 0; i < self->agents->len; i++)
    if (strcmp (((PltPlanningAgent *) g_ptr_array_index (self->agents, i))->id, agent) == 0)
      return g_ptr_array_index (self->agents, i);
  return NULL;
}

void
plt_planning_document_set_rules (PltPlanningDocument    *self,
                                 const PltPlanningRules *rules)
{
  g_clear_pointer (&self->rules, plt_planning_rules_free);
  self->rules = plt_planning_rules_copy (rules);
}

const PltPlanningRules *
plt_planning_document_get_rules (PltPlanningDocument *self)
{
  return self->rules;
}

void
plt_planning_document_set_snap_minutes (PltPlanningDocument *self,
                                        guint                minutes)
{
  if (self->snap_minutes == minutes)
    return;
  self->snap_minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_MINUTES]);
}

guint
plt_planning_document_get_snap_minutes (PltPlanningDocument *self)
{
  return self->snap_minutes;
}

PltUndoStack *
plt_planning_document_get_undo_stack (PltPlanningDocument *self)
{
  return self->undo;
}

/* ---------------------------------------------------------------------------
 * Weeks
 */

static WeekState *
lookup_week (PltPlanningDocument *self,
             const PltWeek       *week)
{
  g_autofree char *key = plt_week_to_string (week);

  return g_hash_table_lookup (self->weeks, key);
}

/* The week's state, created (revision 0, empty base) if need be. */
static WeekState *
ensure_week (PltPlanningDocument *self,
             const PltWeek       *week)
{
  WeekState *state = lookup_week (self, week);

  if (state == NULL)
    {
      state = g_new0 (WeekState, 1);
      state->week = *week;
      state->base = plt_schedule_new ();
      g_hash_table_insert (self->weeks, plt_week_to_string (week), state);
    }
  return state;
}

static gboolean
day_in_week (const PltAgentDay *day,
             const PltWeek     *week)
{
  PltWeek w;

  plt_week_from_date (&day->date, &w);
  return plt_week_equal (&w, week);
}

/* The keys of @week's days in @schedule, added to @keys. */
static void
add_week_keys (PltSchedule   *schedule,
               const PltWeek *week,
               GHashTable    *keys)
{
  g_autoptr(GPtrArray) days = plt_schedule_list_days (schedule);

  for (guint i = 0; i < days->len; i++)
    {
      PltAgentDay *day = g_ptr_array_index (days, i);

      if (day_in_week (day, week))
        g_hash_table_add (keys, plt_agent_day_key (day->agent, &day->date));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GStrv
sorted_keys (GHashTable *set)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (list, key);
  g_ptr_array_sort (list, compare_strings);
  for (guint i = 0; i < list->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (list, i));
  return g_strv_builder_end (builder);
}

static void
emit_changed (PltPlanningDocument *self,
              GHashTable          *keys)
{
  g_auto(GStrv) list = NULL;

  if (g_hash_table_size (keys) == 0)
    return;
  list = sorted_keys (keys);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, list);
}

/* Puts @day in the draft; records its key in @changed if it differs. */
static void
draft_put (PltPlanningDocument *self,
           PltAgentDay         *day,
           GHashTable          *changed)
{
  PltAgentDay *old = plt_schedule_lookup (self->draft, day->agent, &day->date);

  if (plt_agent_day_equal (old, day))
    return;
  plt_schedule_put_day_renaming (self->draft, day);
  if (changed != NULL)
    g_hash_table_add (changed, plt_agent_day_key (day->agent, &day->date));
}

/* Replaces @week's days of the draft by those of @source. */
static void
draft_replace_week (PltPlanningDocument *self,
                    const PltWeek       *week,
                    PltSchedule         *source,
                    GHashTable          *changed)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  add_week_keys (self->draft, week, keys);
  add_week_keys (source, week, keys);

  /* Empty first, so that ids moving between days never collide. */
  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *agent = NULL;
      g_autoptr(PltAgentDay) empty = NULL;
      GDate date;
      PltAgentDay *old;

      plt_agent_day_key_parse (key, &agent, &date);
      old = plt_schedule_lookup (self->draft, agent, &date);
      if (old == NULL || plt_agent_day_equal (old, plt_schedule_lookup (source, agent, &date)))
        continue;
      empty = plt_agent_day_new (agent, &date);
      plt_schedule_set_day (self->draft, empty, NULL);
      g_hash_table_add (changed, g_strdup (key));
    }

  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *agent = NULL;
      GDate date;
      PltAgentDay *day;

      plt_agent_day_key_parse (key, &agent, &date);
      day = plt_schedule_lookup (source, agent, &date);
      if (day != NULL)
        draft_put (self, day, changed);
    }
}

static GStrv
week_keys_strv (PltPlanningDocument *self,
                const PltWeek       *week,
                PltSchedule         *other)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  add_week_keys (self->draft, week, keys);
  if (other != NULL)
    add_week_keys (other, week, keys);
  return sorted_keys (keys);
}

static void journal_week_state (PltPlanningDocument *self, const PltWeek *week);

void
plt_planning_document_load_week (PltPlanningDocument *self,
                                 const PltWeek       *week,
                                 gint64               revision,
                                 PltSchedule         *draft,
                                 PltSchedule         *published,
                                 gint64               published_version)
{
  WeekState *state = ensure_week (self, week);
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) keys = week_keys_strv (self, week, draft);

  g_clear_pointer (&state->base, plt_schedule_unref);
  state->base = plt_schedule_copy (draft);
  state->revision = revision;
  g_clear_pointer (&state->published, plt_schedule_unref);
  if (published != NULL)
    {
      state->published = plt_schedule_copy (published);
      plt_schedule_set_read_only (state->published);
    }
  state->published_version = published_version;

  plt_undo_stack_forget_keys (self->undo, (const char * const *) keys);
  draft_replace_week (self, week, draft, changed);
  journal_week_state (self, week);
  emit_changed (self, changed);
}

gboolean
plt_planning_document_has_week (PltPlanningDocument *self,
                                const PltWeek       *week)
{
  return lookup_week (self, week) != NULL;
}

gint64
plt_planning_document_get_revision (PltPlanningDocument *self,
                                    const PltWeek       *week)
{
  WeekState *state = lookup_week (self, week);

  return state != NULL ? state->revision : 0;
}

PltSchedule *
plt_planning_document_get_published (PltPlanningDocument *self,
                                     const PltWeek       *week,
                                     gint64              *version)
{
  WeekState *state = lookup_week (self, week);

  if (version != NULL)
    *version = state != NULL ? state->published_version : 0;
  return state != NULL ? state->published : NULL;
}

void
plt_planning_document_set_published (PltPlanningDocument *self,
                                     const PltWeek       *week,
                                     PltSchedule         *published,
                                     gint64               version)
{
  WeekState *state = ensure_week (self, week);

  g_clear_pointer (&state->published, plt_schedule_unref);
  if (published != NULL)
    {
      state->published = plt_schedule_copy (published);
      plt_schedule_set_read_only (state->published);
    }
  state->published_version = version;
}

PltSchedule *
plt_planning_document_get_base (PltPlanningDocument *self,
                                const PltWeek       *week)
{
  WeekState *state = lookup_week (self, week);

  return state != NULL ? state->base : NULL;
}

PltSchedule *
plt_planning_document_get_draft (PltPlanningDocument *self)
{
  return self->draft;
}

GPtrArray *
plt_planning_document_list_pending (PltPlanningDocument *self,
                                    const PltWeek       *week)
{
  WeekState *state = lookup_week (self, week);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);
  g_auto(GStrv) keys = NULL;

  if (state == NULL)
    return out;

  keys = week_keys_strv (self, week, state->base);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *agent = NULL;
      GDate date;
      PltAgentDay *mine, *base;

      plt_agent_day_key_parse (keys[i], &agent, &date);
      mine = plt_schedule_lookup (self->draft, agent, &date);
      base = plt_schedule_lookup (state->base, agent, &date);
      if (plt_agent_day_equal (mine, base))
        continue;
      g_ptr_array_add (out, mine != NULL ? plt_agent_day_ref (mine) : plt_agent_day_new (agent, &date));
    }
  return out;
}

static int
compare_weeks (gconstpointer a,
               gconstpointer b)
{
  const PltWeek *x = a, *y = b;

  if (x->year != y->year)
    return x->year - y->year;
  return x->week - y->week;
}

GArray *
plt_planning_document_list_dirty_weeks (PltPlanningDocument *self)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (PltWeek));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->weeks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      WeekState *state = value;
      g_autoptr(GPtrArray) pending = plt_planning_document_list_pending (self, &state->week);

      if (pending->len > 0)
        g_array_append_val (out, state->week);
    }
  g_array_sort (out, compare_weeks);
  return out;
}

/* ---------------------------------------------------------------------------
 * The journal
 */

static JsonNode *
builder_root (JsonBuilder *builder)
{
  return json_builder_get_root (builder);
}

static JsonNode *
header_record (PltPlanningDocument *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "t");
  json_builder_add_string_value (b, "open");
  json_builder_set_member_name (b, "team");
  json_builder_add_string_value (b, self->team);
  json_builder_set_member_name (b, "client");
  json_builder_add_string_value (b, self->client_id);
  json_builder_set_member_name (b, "snap");
  json_builder_add_int_value (b, self->snap_minutes);
  json_builder_set_member_name (b, "site");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, self->site->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, self->site->name);
  json_builder_set_member_name (b, "tz");
  json_builder_add_string_value (b, self->site->tz_id);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "agents");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->agents->len; i++)
    {
      const PltPlanningAgent *agent = g_ptr_array_index (self->agents, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, agent->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, agent->name);
      json_builder_set_member_name (b, "skills");
      json_builder_begin_array (b);
      for (guint q = 0; agent->skills[q] != NULL; q++)
        json_builder_add_string_value (b, agent->skills[q]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rules");
  plt_planning_rules_to_json (self->rules, b);
  json_builder_end_object (b);
  return builder_root (b);
}

static JsonNode *
base_record (WeekState *state)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *week = plt_week_to_string (&state->week);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "t");
  json_builder_add_string_value (b, "base");
  json_builder_set_member_name (b, "week");
  json_builder_add_string_value (b, week);
  json_builder_set_member_name (b, "revision");
  json_builder_add_int_value (b, state->revision);
  json_builder_set_member_name (b, "days");
  plt_schedule_to_json (state->base, b);
  json_builder_end_object (b);
  return builder_root (b);
}

static JsonNode *
edit_record (PltPlanningDocument *self,
             const char          *op,
             const char          *label,
             GPtrArray           *days)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GHashTable) weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "t");
  json_builder_add_string_value (b, "edit");
  json_builder_set_member_name (b, "op");
  json_builder_add_string_value (b, op);
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, label);
  json_builder_set_member_name (b, "base");
  json_builder_begin_object (b);
  for (guint i = 0; i < days->len; i++)
    {
      PltAgentDay *day = g_ptr_array_index (days, i);
      PltWeek w;
      char *name;

      plt_week_from_date (&day->date, &w);
      name = plt_week_to_string (&w);
      if (g_hash_table_contains (weeks, name))
        {
          g_free (name);
          continue;
        }
      g_hash_table_add (weeks, name);
      json_builder_set_member_name (b, name);
      json_builder_add_int_value (b, plt_planning_document_get_revision (self, &w));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "days");
  json_builder_begin_array (b);
  for (guint i = 0; i < days->len; i++)
    plt_agent_day_to_json (g_ptr_array_index (days, i), b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return builder_root (b);
}

static JsonNode *
conflicts_record (PltPlanningDocument *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "t");
  json_builder_add_string_value (b, "conflicts");
  json_builder_set_member_name (b, "conflicts");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      const PltMergeConflict *c = g_ptr_array_index (self->conflicts, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "base");
      plt_agent_day_to_json (c->base, b);
      json_builder_set_member_name (b, "theirs");
      plt_agent_day_to_json (c->theirs, b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return builder_root (b);
}

static gboolean
journal_append (PltPlanningDocument *self,
                JsonNode            *record,
                GError             **error)
{
  g_autoptr(JsonNode) owned = record;

  if (self->journal == NULL)
    return TRUE;
  return plt_journal_append (self->journal, owned, error);
}

/* After a change of a week's base: its base, then the draft's days of
 * that week that differ, then the conflicts. A failure is logged: the
 * router has the data, only the local copy is behind. */
static void
journal_week_state (PltPlanningDocument *self,
                    const PltWeek       *week)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  WeekState *state = lookup_week (self, week);

  if (self->journal == NULL || state == NULL)
    return;

  pending = plt_planning_document_list_pending (self, week);
  if (!journal_append (self, base_record (state), &error) ||
      (pending->len > 0 && !journal_append (self, edit_record (self, "pending", "pending", pending), &error)) ||
      !journal_append (self, conflicts_record (self), &error))
    g_warning ("planning: the journal is behind: %s", error->message);
}

static GPtrArray *
state_records (PltPlanningDocument *self)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  GHashTableIter iter;
  gpointer value;
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);

  g_ptr_array_add (records, header_record (self));
  g_hash_table_iter_init (&iter, self->weeks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      WeekState *state = value;
      g_autoptr(GPtrArray) days = plt_planning_document_list_pending (self, &state->week);

      g_ptr_array_add (records, base_record (state));
      for (guint i = 0; i < days->len; i++)
        g_ptr_array_add (pending, plt_agent_day_ref (g_ptr_array_index (days, i)));
    }
  if (pending->len > 0)
    g_ptr_array_add (records, edit_record (self, "pending", "pending", pending));
  g_ptr_array_add (records, conflicts_record (self));
  return records;
}

gboolean
plt_planning_document_set_journal (PltPlanningDocument  *self,
                                   PltJournal           *journal,
                                   GError              **error)
{
  g_autoptr(GPtrArray) records = state_records (self);

  g_clear_pointer (&self->journal, plt_journal_free);
  self->journal = journal;
  return plt_journal_rewrite (self->journal, records, error);
}

gboolean
plt_planning_document_compact_journal (PltPlanningDocument  *self,
                                       GError              **error)
{
  g_autoptr(GPtrArray) records = NULL;

  if (self->journal == NULL)
    return TRUE;
  records = state_records (self);
  return plt_journal_rewrite (self->journal, records, error);
}

/* ---------------------------------------------------------------------------
 * Edits
 */

static void
fill_context (PltPlanningDocument *self,
              PltCommandContext   *ctx,
              PltSchedule         *schedule)
{
  ctx->schedule = schedule;
  ctx->site = self->site;
  ctx->agents = self->agents;
  ctx->snap_minutes = self->snap_minutes;
  ctx->id_prefix = self->client_id;
}

/* Applies @days to a copy of the draft: the schedule they give, or NULL
 * when they clash (a shift id used twice). */
static PltSchedule *
scratch_into (PltSchedule  *schedule,
              GPtrArray    *days,
              GError      **error)
{
  g_autoptr(PltSchedule) scratch = plt_schedule_ref (schedule);

  /* Empty each day first: a shift may move from one to another. */
  for (guint i = 0; i < days->len; i++)
    {
      PltAgentDay *day = g_ptr_array_index (days, i);
      g_autoptr(PltAgentDay) empty = plt_agent_day_new (day->agent, &day->date);

      plt_schedule_set_day (scratch, empty, NULL);
    }
  for (guint i = 0; i < days->len; i++)
    if (!plt_schedule_set_day (scratch, g_ptr_array_index (days, i), error))
      return NULL;
  return g_steal_pointer (&scratch);
}

static PltSchedule *
scratch_with (PltPlanningDocument  *self,
              GPtrArray            *days,
              GError              **error)
{
  g_autoptr(PltSchedule) copy = plt_schedule_copy (self->draft);

  return scratch_into (copy, days, error);
}

/* Puts @days in the draft (they are checked), emitting "changed". */
static void
apply_days (PltPlanningDocument *self,
            GPtrArray           *days)
{
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < days->len; i++)
    {
      PltAgentDay *day = g_ptr_array_index (days, i);
      g_autoptr(PltAgentDay) empty = plt_agent_day_new (day->agent, &day->date);

      if (!plt_agent_day_equal (plt_schedule_lookup (self->draft, day->agent, &day->date), day))
        g_hash_table_add (changed, plt_agent_day_key (day->agent, &day->date));
      plt_schedule_set_day (self->draft, empty, NULL);
    }
  for (guint i = 0; i < days->len; i++)
    plt_schedule_put_day_renaming (self->draft, g_ptr_array_index (days, i));

  for (guint i = 0; i < days->len; i++)
    {
      PltAgentDay *day = g_ptr_array_index (days, i);
      PltWeek w;

      plt_week_from_date (&day->date, &w);
      ensure_week (self, &w);
    }
  emit_changed (self, changed);
}

static gboolean
commit_days (PltPlanningDocument  *self,
             const char           *op,
             const char           *label,
             GPtrArray            *days,
             GError              **error)
{
  g_autoptr(PltSchedule) scratch = NULL;
  g_autoptr(GPtrArray) before = NULL;

  if (days->len == 0)
    return TRUE;

  scratch = scratch_with (self, days, error);
  if (scratch == NULL)
    return FALSE;

  before = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);
  for (guint i = 0; i < days->len; i++)
    {
      PltAgentDay *day = g_ptr_array_index (days, i);
      PltAgentDay *old = plt_schedule_lookup (self->draft, day->agent, &day->date);

      g_ptr_array_add (before, old != NULL ? plt_agent_day_ref (old) : plt_agent_day_new (day->agent, &day->date));
    }

  /* The journal first: an edit it does not hold never happened. */
  for (guint i = 0; i < days->len; i++)
    {
      PltAgentDay *day = g_ptr_array_index (days, i);
      PltWeek w;

      plt_week_from_date (&day->date, &w);
      ensure_week (self, &w);
    }
  if (!journal_append (self, edit_record (self, op, label, days), error))
    return FALSE;

  plt_undo_stack_push (self->undo, plt_undo_entry_new (label, before, days));
  apply_days (self, days);
  return TRUE;
}

gboolean
plt_planning_document_execute (PltPlanningDocument  *self,
                               PltPlanningCommand   *command,
                               GError              **error)
{
  PltCommandContext ctx;
  g_autoptr(GPtrArray) days = NULL;

  g_return_val_if_fail (PLT_IS_PLANNING_DOCUMENT (self), FALSE);
  g_return_val_if_fail (command != NULL, FALSE);

  fill_context (self, &ctx, self->draft);
  days = plt_planning_command_apply (command, &ctx, error);
  if (days == NULL)
    return FALSE;
  return commit_days (self, plt_planning_command_get_name (command),
                      plt_planning_command_get_label (command), days, error);
}

gboolean
plt_planning_document_try (PltPlanningDocument  *self,
                           PltPlanningCommand   *command,
                           GPtrArray           **days_out,
                           GPtrArray           **violations,
                           GError              **error)
{
  PltCommandContext ctx;
  g_autoptr(PltSchedule) probe = plt_schedule_copy (self->draft);
  g_autoptr(PltSchedule) scratch = NULL;
  g_autoptr(GPtrArray) days = NULL;

  /* New ids come from a copy, so that trying uses none of the draft's. */
  fill_context (self, &ctx, probe);
  days = plt_planning_command_apply (command, &ctx, error);
  if (days == NULL)
    return FALSE;
  /* Applying is pure: the probe still holds the draft's days, so the
   * candidate goes into it rather than into a second copy (a drag tries
   * a command per frame). */
  scratch = scratch_into (probe, days, error);
  if (scratch == NULL)
    return FALSE;

  if (violations != NULL)
    {
      g_autoptr(GHashTable) agents = g_hash_table_new (g_str_hash, g_str_equal);
      GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_violation_free);
      GDate from, to;

      g_date_clear (&from, 1);
      g_date_clear (&to, 1);
      for (guint i = 0; i < days->len; i++)
        {
          PltAgentDay *day = g_ptr_array_index (days, i);

          g_hash_table_add (agents, day->agent);
          if (!g_date_valid (&from) || g_date_compare (&day->date, &from) < 0)
            from = day->date;
          if (!g_date_valid (&to) || g_date_compare (&day->date, &to) > 0)
            to = day->date;
        }
      if (days->len > 0)
        {
          GHashTableIter iter;
          gpointer agent;

          g_hash_table_iter_init (&iter, agents);
          while (g_hash_table_iter_next (&iter, &agent, NULL))
            {
              g_autoptr(GPtrArray) found = plt_planning_rules_check (self->rules, scratch, self->agents,
                                                                     self->site, agent, &from, &to);

              for (guint i = 0; i < found->len; i++)
                g_ptr_array_add (all, g_ptr_array_steal_index (found, i--));
            }
        }
      *violations = all;
    }

  if (days_out != NULL)
    *days_out = g_steal_pointer (&days);
  return TRUE;
}

static gboolean
replay_entry (PltPlanningDocument *self,
              const char          *op,
              GPtrArray           *days)
{
  g_autoptr(GError) error = NULL;

  if (!journal_append (self, edit_record (self, op, op, days), &error))
    {
      g_warning ("planning: cannot journal an %s: %s", op, error->message);
      return FALSE;
    }
  apply_days (self, days);
  return TRUE;
}

gboolean
plt_planning_document_undo (PltPlanningDocument *self)
{
  const PltUndoEntry *entry = plt_undo_stack_undo (self->undo);

  if (entry == NULL)
    return FALSE;
  if (!replay_entry (self, "undo", entry->before))
    {
      plt_undo_stack_redo (self->undo);
      return FALSE;
    }
  return TRUE;
}

gboolean
plt_planning_document_redo (PltPlanningDocument *self)
{
  const PltUndoEntry *entry = plt_undo_stack_redo (self->undo);

  if (entry == NULL)
    return FALSE;
  if (!replay_entry (self, "redo", entry->after))
    {
      plt_undo_stack_undo (self->undo);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
plt_planning_document_check (PltPlanningDocument *self,
                             const char          *agent,
                             const GDate         *from,
                             const GDate         *to)
{
  return plt_planning_rules_check (self->rules, self->draft, self->agents, self->site, agent, from, to);
}

/* ---------------------------------------------------------------------------
 * Saving and merging
 */

void
plt_planning_document_mark_saved (PltPlanningDocument *self,
                                  const PltWeek       *week,
                                  gint64               revision,
                                  GPtrArray           *days)
{
  WeekState *state = ensure_week (self, week);
  g_autoptr(PltSchedule) base = plt_schedule_copy (state->base);

  for (guint i = 0; i < days->len; i++)
    {
      PltAgentDay *day = g_ptr_array_index (days, i);
      g_autoptr(PltAgentDay) empty = plt_agent_day_new (day->agent, &day->date);

      plt_schedule_set_day (base, empty, NULL);
    }
  for (guint i = 0; i < days->len; i++)
    plt_schedule_put_day_renaming (base, g_ptr_array_index (days, i));

  g_clear_pointer (&state->base, plt_schedule_unref);
  state->base = g_steal_pointer (&base);
  state->revision = revision;
  journal_week_state (self, week);
}

static void
drop_week_conflicts (PltPlanningDocument *self,
                     const PltWeek       *week)
{
  for (guint i = self->conflicts->len; i > 0; i--)
    {
      PltMergeConflict *c = g_ptr_array_index (self->conflicts, i - 1);
      PltWeek w;

      plt_week_from_date (&c->date, &w);
      if (plt_week_equal (&w, week))
        g_ptr_array_remove_index (self->conflicts, i - 1);
    }
}

static int
compare_conflicts (gconstpointer a,
                   gconstpointer b)
{
  return strcmp ((*(PltMergeConflict * const *) a)->key, (*(PltMergeConflict * const *) b)->key);
}

guint
plt_planning_document_merge_remote (PltPlanningDocument *self,
                                    const PltWeek       *week,
                                    gint64               revision,
                                    PltSchedule         *theirs)
{
  WeekState *state = ensure_week (self, week);
  g_autoptr(PltSchedule) mine = plt_schedule_new ();
  g_autoptr(PltSchedule) merged = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) days = plt_schedule_list_days (self->draft);
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) forget = g_strv_builder_new ();
  g_auto(GStrv) merged_keys = NULL;
  g_auto(GStrv) forget_keys = NULL;
  guint n_conflicts;

  for (guint i = 0; i < days->len; i++)
    if (day_in_week (g_ptr_array_index (days, i), week))
      plt_schedule_set_day (mine, g_ptr_array_index (days, i), NULL);

  merged = plt_planning_merge (state->base, mine, theirs, &found, &merged_keys);

  /* Undoing an edit of a day they changed would drop their change. */
  for (guint i = 0; merged_keys[i] != NULL; i++)
    g_strv_builder_add (forget, merged_keys[i]);
  for (guint i = 0; i < found->len; i++)
    g_strv_builder_add (forget, ((PltMergeConflict *) g_ptr_array_index (found, i))->key);
  forget_keys = g_strv_builder_end (forget);
  plt_undo_stack_forget_keys (self->undo, (const char * const *) forget_keys);

  draft_replace_week (self, week, merged, changed);

  g_clear_pointer (&state->base, plt_schedule_unref);
  state->base = plt_schedule_copy (theirs);
  state->revision = revision;

  drop_week_conflicts (self, week);
  n_conflicts = found->len;
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (self->conflicts, g_ptr_array_steal_index (found, i--));
  g_ptr_array_sort (self->conflicts, compare_conflicts);

  journal_week_state (self, week);
  emit_changed (self, changed);
  g_signal_emit (self, signals[SIGNAL_CONFLICTS_CHANGED], 0);
  return n_conflicts;
}

GPtrArray *
plt_planning_document_get_conflicts (PltPlanningDocument *self)
{
  return self->conflicts;
}

gboolean
plt_planning_document_has_conflicts (PltPlanningDocument *self,
                                     const PltWeek       *week)
{
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      PltMergeConflict *c = g_ptr_array_index (self->conflicts, i);
      PltWeek w;

      plt_week_from_date (&c->date, &w);
      if (plt_week_equal (&w, week))
        return TRUE;
    }
  return FALSE;
}

gboolean
plt_planning_document_resolve (PltPlanningDocument  *self,
                               const char           *key,
                               PltMergeChoice        choice,
                               GError              **error)
{
  PltMergeConflict *conflict = NULL;
  guint index = 0;

  for (guint i = 0; i < self->conflicts->len; i++)
    if (strcmp (((PltMergeConflict *) g_ptr_array_index (self->conflicts, i))->key, key) == 0)
      {
        conflict = g_ptr_array_index (self->conflicts, i);
        index = i;
      }

  if (conflict == NULL)
    {
      g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_NOT_FOUND,
                   _("There is no conflict on “%s”"), key);
      return FALSE;
    }

  if (choice == PLT_MERGE_TAKE_THEIRS)
    {
      g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);
      g_autoptr(PltPlanningCommand) command = NULL;

      g_ptr_array_add (days, plt_agent_day_copy (conflict->theirs));
      command = plt_planning_command_set_days (days, _("Take their version"));
      if (!plt_planning_document_execute (self, command, error))
        return FALSE;
    }

  g_ptr_array_remove_index (self->conflicts, index);
  {
    g_autoptr(GError) journal_error = NULL;

    if (!journal_append (self, conflicts_record (self), &journal_error))
      g_warning ("planning: the journal is behind: %s", journal_error->message);
  }
  g_signal_emit (self, signals[SIGNAL_CONFLICTS_CHANGED], 0);
  return TRUE;
}

/* ---------------------------------------------------------------------------
 * Recovery
 */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
damaged (GError    **error,
         const char *path,
         guint       line,
         const char *why)
{
  g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
               _("The journal “%s” cannot be read at line %u: %s"), path, line, why);
  return FALSE;
}

static PltPlanningDocument *
document_from_header (JsonObject  *object,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(PltSite) site = NULL;
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_agent_free);
  PltPlanningDocument *self;
  JsonNode *site_node = json_object_get_member (object, "site");
  JsonNode *agents_node = json_object_get_member (object, "agents");
  JsonNode *rules_node = json_object_get_member (object, "rules");
  JsonNode *snap_node = json_object_get_member (object, "snap");
  const char *team = member_string (object, "team");
  const char *client = member_string (object, "client");

  if (team == NULL || client == NULL || site_node == NULL || !JSON_NODE_HOLDS_OBJECT (site_node))
    return damaged (error, path, 1, "no team, client or site"), NULL;

  {
    JsonObject *s = json_node_get_object (site_node);
    const char *id = member_string (s, "id");
    const char *tz = member_string (s, "tz");

    if (id == NULL || tz == NULL)
      return damaged (error, path, 1, "no site id or zone"), NULL;
    site = plt_site_new (id, member_string (s, "name"), tz, error);
    if (site == NULL)
      return NULL;
  }

  self = plt_planning_document_new (team, site, client);

  if (agents_node != NULL && JSON_NODE_HOLDS_ARRAY (agents_node))
    {
      JsonArray *array = json_node_get_array (agents_node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autoptr(GStrvBuilder) skills = g_strv_builder_new ();
          g_auto(GStrv) list = NULL;
          JsonObject *a;
          JsonNode *skills_node;
          const char *id;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          a = json_node_get_object (element);
          id = member_string (a, "id");
          if (id == NULL)
            continue;
          skills_node = json_object_get_member (a, "skills");
          if (skills_node != NULL && JSON_NODE_HOLDS_ARRAY (skills_node))
            for (guint q = 0; q < json_array_get_length (json_node_get_array (skills_node)); q++)
              {
                const char *skill = json_array_get_string_element (json_node_get_array (skills_node), q);

                if (skill != NULL)
                  g_strv_builder_add (skills, skill);
              }
          list = g_strv_builder_end (skills);
          g_ptr_array_add (agents, plt_planning_agent_new (id, member_string (a, "name"), team,
                                                           (const char * const *) list));
        }
      plt_planning_document_set_agents (self, agents);
    }

  if (rules_node != NULL)
    {
      g_autoptr(PltPlanningRules) rules = plt_planning_rules_from_json (rules_node, NULL);

      if (rules != NULL)
        plt_planning_document_set_rules (self, rules);
    }
  if (snap_node != NULL && JSON_NODE_HOLDS_VALUE (snap_node) && json_node_get_value_type (snap_node) == G_TYPE_INT64)
    self->snap_minutes = (guint) CLAMP (json_node_get_int (snap_node), 0, 24 * 60);
  return self;
}

static GPtrArray *
days_from_array (JsonNode  *node,
                 GError   **error)
{
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID, "no days");
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      PltAgentDay *day = plt_agent_day_from_json (json_array_get_element (array, i), error);

      if (day == NULL)
        return NULL;
      g_ptr_array_add (days, day);
    }
  return g_steal_pointer (&days);
}

PltPlanningDocument *
plt_planning_document_recover (const char  *path,
                               guint       *n_torn,
                               GError     **error)
{
  g_autoptr(GPtrArray) records = plt_journal_read (path, n_torn, error);
  g_autoptr(PltPlanningDocument) self = NULL;
  PltJournal *journal;

  if (records == NULL)
    return NULL;
  if (records->len == 0)
    return damaged (error, path, 1, "it is empty"), NULL;

  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *object = json_node_get_object (g_ptr_array_index (records, i));
      const char *type = member_string (object, "t");
      g_autoptr(GError) local_error = NULL;

      if (i == 0)
        {
          if (g_strcmp0 (type, "open") != 0)
            return damaged (error, path, 1, "it does not start with a header"), NULL;
          self = document_from_header (object, path, error);
          if (self == NULL)
            return NULL;
          continue;
        }

      if (g_strcmp0 (type, "base") == 0)
        {
          g_autoptr(PltSchedule) base = plt_schedule_from_json (json_object_get_member (object, "days"), &local_error);
          JsonNode *revision = json_object_get_member (object, "revision");
          g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          WeekState *state;
          PltWeek week;

          if (base == NULL || !plt_week_from_string (member_string (object, "week"), &week) ||
              revision == NULL || !JSON_NODE_HOLDS_VALUE (revision))
            return damaged (error, path, i + 1, local_error != NULL ? local_error->message : "a bad base"), NULL;

          state = ensure_week (self, &week);
          g_clear_pointer (&state->base, plt_schedule_unref);
          state->base = plt_schedule_ref (base);
          state->revision = json_node_get_int (revision);
          draft_replace_week (self, &week, base, changed);
        }
      else if (g_strcmp0 (type, "edit") == 0)
        {
          g_autoptr(GPtrArray) days = days_from_array (json_object_get_member (object, "days"), &local_error);

          if (days == NULL)
            return damaged (error, path, i + 1, local_error->message), NULL;
          apply_days (self, days);
        }
      else if (g_strcmp0 (type, "conflicts") == 0)
        {
          JsonNode *list = json_object_get_member (object, "conflicts");

          g_ptr_array_set_size (self->conflicts, 0);
          for (guint c = 0; list != NULL && JSON_NODE_HOLDS_ARRAY (list) &&
                            c < json_array_get_length (json_node_get_array (list)); c++)
            {
              JsonNode *element = json_array_get_element (json_node_get_array (list), c);
              g_autoptr(PltAgentDay) base = NULL;
              g_autoptr(PltAgentDay) theirs = NULL;
              PltAgentDay *mine;

              if (!JSON_NODE_HOLDS_OBJECT (element))
                continue;
              base = plt_agent_day_from_json (json_object_get_member (json_node_get_object (element), "base"), NULL);
              theirs = plt_agent_day_from_json (json_object_get_member (json_node_get_object (element), "theirs"), NULL);
              if (base == NULL || theirs == NULL)
                return damaged (error, path, i + 1, "a bad conflict"), NULL;
              mine = plt_schedule_lookup (self->draft, base->agent, &base->date);
              g_ptr_array_add (self->conflicts,
                               plt_merge_conflict_new (base->agent, &base->date, base, mine, theirs));
            }
        }
      /* Other record types, from a newer Plateau, are skipped. */
    }

  journal = plt_journal_open (path, error);
  if (journal == NULL)
    return NULL;
  self->journal = journal;
  return g_steal_pointer (&self);
}
