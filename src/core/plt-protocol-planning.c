/* plt-protocol-planning.c — the codec of the planning.* messages
 * (docs/protocol.md, "Planning")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "plt-protocol-planning.h"
#include "plt-protocol-private.h"

/* ---------------------------------------------------------------------------
 * Data
 */

PltPlanningComment *
plt_planning_comment_new (gint64      at,
                          const char *by,
                          const char *text,
                          const char *agent,
                          const char *date)
{
  PltPlanningComment *comment = g_new0 (PltPlanningComment, 1);

  comment->at = at;
  comment->by = g_strdup (by);
  comment->text = g_strdup (text);
  comment->agent = g_strdup (agent);
  comment->date = g_strdup (date);
  return comment;
}

void
plt_planning_comment_free (PltPlanningComment *comment)
{
  if (comment == NULL)
    return;
  g_free (comment->by);
  g_free (comment->text);
  g_free (comment->agent);
  g_free (comment->date);
  g_free (comment);
}

PltPlanningAudit *
plt_planning_audit_new (gint64      revision,
                        gint64      at,
                        const char *by,
                        const char *agent,
                        const char *date,
                        const char *action)
{
  PltPlanningAudit *audit = g_new0 (PltPlanningAudit, 1);

  audit->revision = revision;
  audit->at = at;
  audit->by = g_strdup (by);
  audit->agent = g_strdup (agent);
  audit->date = g_strdup (date);
  audit->action = g_strdup (action);
  return audit;
}

void
plt_planning_audit_free (PltPlanningAudit *audit)
{
  if (audit == NULL)
    return;
  g_free (audit->by);
  g_free (audit->agent);
  g_free (audit->date);
  g_free (audit->action);
  g_free (audit);
}

PltPlanningMessage *
plt_planning_message_new (void)
{
  PltPlanningMessage *self = g_new0 (PltPlanningMessage, 1);

  self->days = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);
  self->agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_agent_free);
  self->published_days = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);
  self->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_comment_free);
  self->audit = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_audit_free);
  return self;
}

void
plt_planning_message_free (PltPlanningMessage *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->reply_to);
  g_free (self->team);
  g_clear_pointer (&self->days, g_ptr_array_unref);
  g_free (self->site_id);
  g_free (self->site_name);
  g_free (self->site_tz);
  g_clear_pointer (&self->agents, g_ptr_array_unref);
  g_free (self->published_by);
  g_clear_pointer (&self->published_days, g_ptr_array_unref);
  g_clear_pointer (&self->comments, g_ptr_array_unref);
  g_clear_pointer (&self->audit, g_ptr_array_unref);
  g_free (self->text);
  g_free (self->agent);
  g_free (self->date);
  g_free (self);
}

static gboolean
days_equal (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const PltAgentDay *x = g_ptr_array_index (a, i);
      const PltAgentDay *y = g_ptr_array_index (b, i);

      /* Empty days compare by key too. */
      if (strcmp (x->agent, y->agent) != 0 || g_date_compare (&x->date, &y->date) != 0 ||
          !plt_agent_day_equal (x, y))
        return FALSE;
    }
  return TRUE;
}

gboolean
plt_planning_message_equal (const PltPlanningMessage *a,
                            const PltPlanningMessage *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->reply_to, b->reply_to) != 0 ||
      g_strcmp0 (a->team, b->team) != 0 || !plt_week_equal (&a->week, &b->week) ||
      a->revision != b->revision || !a->has_draft != !b->has_draft ||
      !days_equal (a->days, b->days) ||
      g_strcmp0 (a->site_id, b->site_id) != 0 || g_strcmp0 (a->site_name, b->site_name) != 0 ||
      g_strcmp0 (a->site_tz, b->site_tz) != 0 || a->agents->len != b->agents->len ||
      a->published_version != b->published_version || a->published_revision != b->published_revision ||
      a->published_at != b->published_at || g_strcmp0 (a->published_by, b->published_by) != 0 ||
      !days_equal (a->published_days, b->published_days) ||
      a->comments->len != b->comments->len || a->audit->len != b->audit->len ||
      g_strcmp0 (a->text, b->text) != 0 || g_strcmp0 (a->agent, b->agent) != 0 ||
      g_strcmp0 (a->date, b->date) != 0)
    return FALSE;

  for (guint i = 0; i < a->agents->len; i++)
    {
      const PltPlanningAgent *x = g_ptr_array_index (a->agents, i);
      const PltPlanningAgent *y = g_ptr_array_index (b->agents, i);

      if (g_strcmp0 (x->id, y->id) != 0 || g_strcmp0 (x->name, y->name) != 0 ||
          !g_strv_equal ((const char * const *) x->skills, (const char * const *) y->skills))
        return FALSE;
    }
  for (guint i = 0; i < a->comments->len; i++)
    {
      const PltPlanningComment *x = g_ptr_array_index (a->comments, i);
      const PltPlanningComment *y = g_ptr_array_index (b->comments, i);

      if (x->at != y->at || g_strcmp0 (x->by, y->by) != 0 || g_strcmp0 (x->text, y->text) != 0 ||
          g_strcmp0 (x->agent, y->agent) != 0 || g_strcmp0 (x->date, y->date) != 0)
        return FALSE;
    }
  for (guint i = 0; i < a->audit->len; i++)
    {
      const PltPlanningAudit *x = g_ptr_array_index (a->audit, i);
      const PltPlanningAudit *y = g_ptr_array_index (b->audit, i);

      if (x->revision != y->revision || x->at != y->at || g_strcmp0 (x->by, y->by) != 0 ||
          g_strcmp0 (x->agent, y->agent) != 0 || g_strcmp0 (x->date, y->date) != 0 ||
          g_strcmp0 (x->action, y->action) != 0)
        return FALSE;
    }
  return TRUE;
}

PltSchedule *
plt_planning_message_dup_schedule (GPtrArray  *days,
                                   GError    **error)
{
  g_autoptr(PltSchedule) schedule = plt_schedule_new ();

  for (guint i = 0; i < days->len; i++)
    if (!plt_schedule_set_day (schedule, g_ptr_array_index (days, i), error))
      return NULL;
  return g_steal_pointer (&schedule);
}

/* ---------------------------------------------------------------------------
 * Encoding
 */

static void
add_days (JsonBuilder *b,
          const char  *name,
          GPtrArray   *days)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < days->len; i++)
    plt_agent_day_to_json (g_ptr_array_index (days, i), b);
  json_builder_end_array (b);
}

static void
add_head (JsonBuilder              *b,
          const PltPlanningMessage *self)
{
  g_autofree char *week = plt_week_to_string (&self->week);

  _plt_protocol_add_string (b, "team", self->team);
  _plt_protocol_add_string (b, "week", week);
}

static void
build_payload (JsonBuilder              *b,
               PltMessageType            type,
               const PltPlanningMessage *self)
{
  switch (type)
    {
    case PLT_MESSAGE_PLANNING_GET:
      _plt_protocol_add_string (b, "id", self->id);
      add_head (b, self);
      break;

    case PLT_MESSAGE_PLANNING_SAVE:
      _plt_protocol_add_string (b, "id", self->id);
      add_head (b, self);
      _plt_protocol_add_int (b, "base_revision", self->revision);
      add_days (b, "days", self->days);
      break;

    case PLT_MESSAGE_PLANNING_SAVED:
      _plt_protocol_add_string (b, "reply_to", self->reply_to);
      add_head (b, self);
      _plt_protocol_add_int (b, "revision", self->revision);
      break;

    case PLT_MESSAGE_PLANNING_PUBLISH:
      _plt_protocol_add_string (b, "id", self->id);
      add_head (b, self);
      _plt_protocol_add_int (b, "revision", self->revision);
      break;

    case PLT_MESSAGE_PLANNING_COMMENT:
      _plt_protocol_add_string (b, "id", self->id);
      add_head (b, self);
      _plt_protocol_add_string (b, "text", self->text);
      if (self->agent != NULL)
        _plt_protocol_add_string (b, "agent", self->agent);
      if (self->date != NULL)
        _plt_protocol_add_string (b, "date", self->date);
      break;

    case PLT_MESSAGE_PLANNING_PUBLISHED:
      add_head (b, self);
      _plt_protocol_add_int (b, "version", self->published_version);
      _plt_protocol_add_int (b, "at", self->published_at);
      _plt_protocol_add_string (b, "by", self->published_by);
      add_days (b, "days", self->days);
      break;

    case PLT_MESSAGE_PLANNING_STATE:
    default:
      _plt_protocol_add_string (b, "reply_to", self->reply_to);
      add_head (b, self);
      _plt_protocol_add_int (b, "revision", self->revision);
      json_builder_set_member_name (b, "site");
      json_builder_begin_object (b);
      _plt_protocol_add_string (b, "id", self->site_id);
      _plt_protocol_add_string (b, "name", self->site_name);
      _plt_protocol_add_string (b, "tz", self->site_tz);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "agents");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->agents->len; i++)
        {
          const PltPlanningAgent *agent = g_ptr_array_index (self->agents, i);

          json_builder_begin_object (b);
          _plt_protocol_add_string (b, "id", agent->id);
          _plt_protocol_add_string (b, "name", agent->name);
          json_builder_set_member_name (b, "skills");
          json_builder_begin_array (b);
          for (guint q = 0; agent->skills[q] != NULL; q++)
            json_builder_add_string_value (b, agent->skills[q]);
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      if (self->has_draft)
        add_days (b, "draft", self->days);
      else
        {
          json_builder_set_member_name (b, "draft");
          json_builder_add_null_value (b);
        }
      json_builder_set_member_name (b, "published");
      if (self->published_version > 0)
        {
          json_builder_begin_object (b);
          _plt_protocol_add_int (b, "version", self->published_version);
          _plt_protocol_add_int (b, "revision", self->published_revision);
          _plt_protocol_add_int (b, "at", self->published_at);
          _plt_protocol_add_string (b, "by", self->published_by);
          add_days (b, "days", self->published_days);
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "comments");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->comments->len; i++)
        {
          const PltPlanningComment *c = g_ptr_array_index (self->comments, i);

          json_builder_begin_object (b);
          _plt_protocol_add_int (b, "at", c->at);
          _plt_protocol_add_string (b, "by", c->by);
          _plt_protocol_add_string (b, "text", c->text);
          _plt_protocol_add_string (b, "agent", c->agent);
          _plt_protocol_add_string (b, "date", c->date);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "audit");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->audit->len; i++)
        {
          const PltPlanningAudit *a = g_ptr_array_index (self->audit, i);

          json_builder_begin_object (b);
          _plt_protocol_add_int (b, "revision", a->revision);
          _plt_protocol_add_int (b, "at", a->at);
          _plt_protocol_add_string (b, "by", a->by);
          _plt_protocol_add_string (b, "agent", a->agent);
          _plt_protocol_add_string (b, "date", a->date);
          _plt_protocol_add_string (b, "action", a->action);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      break;
    }
}

void
_plt_planning_message_encode (GString                  *out,
                              PltMessageType            type,
                              const PltPlanningMessage *self,
                              gboolean                  first)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length;

  json_builder_begin_object (b);
  build_payload (b, type, self);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);

  /* The members, without the object's braces. */
  length = strlen (text);
  if (length <= 2)
    return;
  if (!first)
    g_string_append_c (out, ',');
  g_string_append_len (out, text + 1, (gssize) length - 2);
}

char *
plt_protocol_encode_planning (gint64                    seq,
                              const char               *epoch,
                              PltMessageType            type,
                              const PltPlanningMessage *planning)
{
  g_autoptr(GString) out = g_string_new ("{\"v\":1,\"type\":\"");

  g_string_append (out, plt_message_type_to_string (type));
  g_string_append_c (out, '"');
  if (seq >= 0)
    g_string_append_printf (out, ",\"seq\":%" G_GINT64_FORMAT, seq);
  if (epoch != NULL)
    {
      g_autofree char *escaped = g_strescape (epoch, NULL);

      g_string_append_printf (out, ",\"epoch\":\"%s\"", escaped);
    }
  g_string_append (out, ",\"data\":{");
  _plt_planning_message_encode (out, type, planning, TRUE);
  g_string_append (out, "}}");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---------------------------------------------------------------------------
 * Decoding
 */

G_GNUC_PRINTF (4, 5)
static gboolean
fail (GError     **error,
      const char  *prefix,
      const char  *field,
      const char  *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
               "field “%s.%s” %s", prefix, field, what);
  return FALSE;
}

static gboolean
get_int (JsonObject  *object,
         const char  *prefix,
         const char  *name,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return fail (error, prefix, name, "is missing");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, prefix, name, "must be an integer");
  if (json_node_get_int (node) < 0)
    return fail (error, prefix, name, "must be an integer ≥ 0");
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_head (JsonObject         *data,
          const char         *prefix,
          PltPlanningMessage *self,
          GError            **error)
{
  g_autofree char *week = NULL;

  if (!_plt_protocol_get_string (data, prefix, "team", FALSE, PLT_PROTOCOL_MAX_ID, &self->team, error) ||
      !_plt_protocol_get_string (data, prefix, "week", FALSE, 16, &week, error))
    return FALSE;
  if (!plt_week_from_string (week, &self->week))
    return fail (error, prefix, "week", "must be an ISO week such as 2026-W48 (found “%s”)", week);
  return TRUE;
}

static gboolean
get_days (JsonObject  *data,
          const char  *prefix,
          const char  *name,
          gboolean     nullable,
          GPtrArray   *days,
          gboolean    *present,
          GError     **error)
{
  JsonNode *node = json_object_get_member (data, name);
  JsonArray *array;
  guint n;

  if (present != NULL)
    *present = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (nullable)
        return TRUE;
      return fail (error, prefix, name, "is missing");
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, prefix, name, "must be an array of agent-days");

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > PLT_PROTOCOL_MAX_PLANNING_DAYS)
    {
      g_set_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_TOO_LARGE,
                   "field “%s.%s” holds %u agent-days; a message holds at most %u",
                   prefix, name, n, PLT_PROTOCOL_MAX_PLANNING_DAYS);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;
      PltAgentDay *day = plt_agent_day_from_json (json_array_get_element (array, i), &local_error);

      if (day == NULL)
        return fail (error, prefix, name, "[%u] is not an agent-day: %s", i, local_error->message);
      g_ptr_array_add (days, day);
    }
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

static gboolean
decode_state (JsonObject         *data,
              const char         *prefix,
              PltPlanningMessage *self,
              GError            **error)
{
  JsonNode *node;
  g_autofree char *site_prefix = g_strconcat (prefix, ".site", NULL);
  JsonObject *site;

  if (!_plt_protocol_get_string (data, prefix, "reply_to", TRUE, PLT_PROTOCOL_MAX_ID, &self->reply_to, error) ||
      !get_head (data, prefix, self, error) ||
      !get_int (data, prefix, "revision", &self->revision, error))
    return FALSE;

  node = json_object_get_member (data, "site");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, prefix, "site", "must be an object");
  site = json_node_get_object (node);
  if (!_plt_protocol_get_string (site, site_prefix, "id", FALSE, PLT_PROTOCOL_MAX_ID, &self->site_id, error) ||
      !_plt_protocol_get_string (site, site_prefix, "name", FALSE, PLT_PROTOCOL_MAX_STRING, &self->site_name, error) ||
      !_plt_protocol_get_string (site, site_prefix, "tz", FALSE, 64, &self->site_tz, error))
    return FALSE;

  node = json_object_get_member (data, "agents");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, prefix, "agents", "must be an array");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);
      g_autofree char *agent_prefix = g_strdup_printf ("%s.agents[%u]", prefix, i);
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) skills = NULL;
      JsonNode *skills_node;
      JsonObject *a;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, prefix, "agents", "[%u] must be an object", i);
      a = json_node_get_object (element);
      if (!_plt_protocol_get_string (a, agent_prefix, "id", FALSE, PLT_PROTOCOL_MAX_ID, &id, error) ||
          !_plt_protocol_get_string (a, agent_prefix, "name", FALSE, PLT_PROTOCOL_MAX_STRING, &name, error))
        return FALSE;
      skills_node = json_object_get_member (a, "skills");
      if (skills_node == NULL || !JSON_NODE_HOLDS_ARRAY (skills_node))
        return fail (error, agent_prefix, "skills", "must be an array of queue ids");
      for (guint q = 0; q < json_array_get_length (json_node_get_array (skills_node)); q++)
        {
          JsonNode *skill = json_array_get_element (json_node_get_array (skills_node), q);

          if (!JSON_NODE_HOLDS_VALUE (skill) || json_node_get_value_type (skill) != G_TYPE_STRING)
            return fail (error, agent_prefix, "skills", "[%u] must be a string", q);
          g_strv_builder_add (builder, json_node_get_string (skill));
        }
      skills = g_strv_builder_end (builder);
      g_ptr_array_add (self->agents, plt_planning_agent_new (id, name, self->team, (const char * const *) skills));
    }

  if (!get_days (data, prefix, "draft", TRUE, self->days, &self->has_draft, error))
    return FALSE;

  node = json_object_get_member (data, "published");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *pub_prefix = g_strconcat (prefix, ".published", NULL);
      JsonObject *pub = json_node_get_object (node);

      if (!get_int (pub, pub_prefix, "version", &self->published_version, error) ||
          !get_int (pub, pub_prefix, "revision", &self->published_revision, error) ||
          !get_int (pub, pub_prefix, "at", &self->published_at, error) ||
          !_plt_protocol_get_string (pub, pub_prefix, "by", TRUE, PLT_PROTOCOL_MAX_STRING, &self->published_by, error) ||
          !get_days (pub, pub_prefix, "days", FALSE, self->published_days, NULL, error))
        return FALSE;
      if (self->published_version < 1)
        return fail (error, pub_prefix, "version", "must be ≥ 1");
    }
  else if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    return fail (error, prefix, "published", "must be an object or null");

  node = json_object_get_member (data, "comments");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (json_array_get_length (array) > PLT_PROTOCOL_MAX_PLANNING_COMMENTS)
        return fail (error, prefix, "comments", "holds too many comments");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *c_prefix = g_strdup_printf ("%s.comments[%u]", prefix, i);
          g_autoptr(PltPlanningComment) c = g_new0 (PltPlanningComment, 1);
          JsonObject *o;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            return fail (error, prefix, "comments", "[%u] must be an object", i);
          o = json_node_get_object (element);
          if (!get_int (o, c_prefix, "at", &c->at, error) ||
              !_plt_protocol_get_string (o, c_prefix, "by", FALSE, PLT_PROTOCOL_MAX_STRING, &c->by, error) ||
              !_plt_protocol_get_string (o, c_prefix, "text", FALSE, PLT_PROTOCOL_MAX_STRING, &c->text, error) ||
              !_plt_protocol_get_string (o, c_prefix, "agent", TRUE, PLT_PROTOCOL_MAX_ID, &c->agent, error) ||
              !_plt_protocol_get_string (o, c_prefix, "date", TRUE, 10, &c->date, error))
            return FALSE;
          g_ptr_array_add (self->comments, g_steal_pointer (&c));
        }
    }

  node = json_object_get_member (data, "audit");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (json_array_get_length (array) > PLT_PROTOCOL_MAX_PLANNING_AUDIT)
        return fail (error, prefix, "audit", "holds too many entries");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *a_prefix = g_strdup_printf ("%s.audit[%u]", prefix, i);
          g_autoptr(PltPlanningAudit) a = g_new0 (PltPlanningAudit, 1);
          JsonObject *o;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            return fail (error, prefix, "audit", "[%u] must be an object", i);
          o = json_node_get_object (element);
          if (!get_int (o, a_prefix, "revision", &a->revision, error) ||
              !get_int (o, a_prefix, "at", &a->at, error) ||
              !_plt_protocol_get_string (o, a_prefix, "by", FALSE, PLT_PROTOCOL_MAX_STRING, &a->by, error) ||
              !_plt_protocol_get_string (o, a_prefix, "agent", FALSE, PLT_PROTOCOL_MAX_ID, &a->agent, error) ||
              !_plt_protocol_get_string (o, a_prefix, "date", FALSE, 10, &a->date, error) ||
              !_plt_protocol_get_string (o, a_prefix, "action", FALSE, 16, &a->action, error))
            return FALSE;
          g_ptr_array_add (self->audit, g_steal_pointer (&a));
        }
    }
  return TRUE;
}

gboolean
_plt_planning_message_decode (PltMessageType       type,
                              JsonObject          *data,
                              const char          *prefix,
                              PltPlanningMessage **out,
                              GError             **error)
{
  g_autoptr(PltPlanningMessage) self = plt_planning_message_new ();
  gboolean ok;

  switch (type)
    {
    case PLT_MESSAGE_PLANNING_GET:
      ok = _plt_protocol_get_string (data, prefix, "id", FALSE, PLT_PROTOCOL_MAX_ID, &self->id, error) &&
           get_head (data, prefix, self, error);
      break;

    case PLT_MESSAGE_PLANNING_SAVE:
      ok = _plt_protocol_get_string (data, prefix, "id", FALSE, PLT_PROTOCOL_MAX_ID, &self->id, error) &&
           get_head (data, prefix, self, error) &&
           get_int (data, prefix, "base_revision", &self->revision, error) &&
           get_days (data, prefix, "days", FALSE, self->days, NULL, error);
      break;

    case PLT_MESSAGE_PLANNING_SAVED:
      ok = _plt_protocol_get_string (data, prefix, "reply_to", FALSE, PLT_PROTOCOL_MAX_ID, &self->reply_to, error) &&
           get_head (data, prefix, self, error) &&
           get_int (data, prefix, "revision", &self->revision, error);
      break;

    case PLT_MESSAGE_PLANNING_PUBLISH:
      ok = _plt_protocol_get_string (data, prefix, "id", FALSE, PLT_PROTOCOL_MAX_ID, &self->id, error) &&
           get_head (data, prefix, self, error) &&
           get_int (data, prefix, "revision", &self->revision, error);
      break;

    case PLT_MESSAGE_PLANNING_COMMENT:
      ok = _plt_protocol_get_string (data, prefix, "id", FALSE, PLT_PROTOCOL_MAX_ID, &self->id, error) &&
           get_head (data, prefix, self, error) &&
           _plt_protocol_get_string (data, prefix, "text", FALSE, PLT_PROTOCOL_MAX_STRING, &self->text, error) &&
           _plt_protocol_get_string (data, prefix, "agent", TRUE, PLT_PROTOCOL_MAX_ID, &self->agent, error) &&
           _plt_protocol_get_string (data, prefix, "date", TRUE, 10, &self->date, error);
      if (ok && self->date != NULL)
        {
          GDate date;

          if (!plt_date_from_string (self->date, &date))
            ok = fail (error, prefix, "date", "must be a date YYYY-MM-DD");
        }
      break;

    case PLT_MESSAGE_PLANNING_PUBLISHED:
      ok = get_head (data, prefix, self, error) &&
           get_int (data, prefix, "version", &self->published_version, error) &&
           get_int (data, prefix, "at", &self->published_at, error) &&
           _plt_protocol_get_string (data, prefix, "by", TRUE, PLT_PROTOCOL_MAX_STRING, &self->published_by, error) &&
           get_days (data, prefix, "days", FALSE, self->days, NULL, error);
      break;

    case PLT_MESSAGE_PLANNING_STATE:
    default:
      ok = decode_state (data, prefix, self, error);
      break;
    }

  if (!ok)
    return FALSE;
  *out = g_steal_pointer (&self);
  return TRUE;
}
