/* plt-protocol-supervisor.c — the payload of the supervisor's commands and
 * of the history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "plt-protocol-supervisor.h"
#include "plt-protocol-private.h"

/* ---------------------------------------------------------------------------
 * Data
 */

PltSupervisorMessage *
plt_supervisor_message_new (void)
{
  PltSupervisorMessage *self = g_new0 (PltSupervisorMessage, 1);

  self->agents = g_new0 (char *, 1);
  self->queues = g_new0 (char *, 1);
  self->intervals = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_interval_free);
  self->queue_samples = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_queue_sample_free);

  return self;
}

static void
clear_skills (PltSupervisorMessage *self)
{
  for (guint i = 0; i < self->n_skills; i++)
    g_free (self->skills[i].queue);
  g_clear_pointer (&self->skills, g_free);
  self->n_skills = 0;
}

void
plt_supervisor_message_set_skills (PltSupervisorMessage *self,
                                   const PltAgentSkill  *skills,
                                   guint                 n_skills)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n_skills == 0 || skills != NULL);

  clear_skills (self);
  if (n_skills == 0)
    return;

  self->skills = g_new0 (PltAgentSkill, n_skills);
  self->n_skills = n_skills;
  for (guint i = 0; i < n_skills; i++)
    {
      self->skills[i].queue = g_strdup (skills[i].queue);
      self->skills[i].level = skills[i].level;
    }
}

void
plt_supervisor_message_free (PltSupervisorMessage *self)
{
  if (self == NULL)
    return;

  clear_skills (self);
  g_free (self->id);
  g_free (self->reply_to);
  g_free (self->agent);
  g_free (self->to_agent);
  g_free (self->to_team);
  g_free (self->text);
  g_free (self->from);
  g_strfreev (self->agents);
  g_strfreev (self->queues);
  g_clear_pointer (&self->intervals, g_ptr_array_unref);
  g_clear_pointer (&self->queue_samples, g_ptr_array_unref);
  g_free (self);
}

PltQueueSample *
plt_queue_sample_copy (const PltQueueSample *sample)
{
  PltQueueSample *copy;

  g_return_val_if_fail (sample != NULL, NULL);

  copy = g_memdup2 (sample, sizeof *sample);
  copy->queue = g_strdup (sample->queue);

  return copy;
}

void
plt_queue_sample_free (PltQueueSample *sample)
{
  if (sample == NULL)
    return;

  g_free (sample->queue);
  g_free (sample);
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  guint n = a != NULL ? g_strv_length ((GStrv) a) : 0;

  if (n != (b != NULL ? g_strv_length ((GStrv) b) : 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (strcmp (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
interval_equal (const PltAgentInterval *a,
                const PltAgentInterval *b)
{
  return g_strcmp0 (a->agent, b->agent) == 0 &&
         a->status == b->status &&
         a->activity == b->activity &&
         g_strcmp0 (a->reason, b->reason) == 0 &&
         g_strcmp0 (a->queue, b->queue) == 0 &&
         g_strcmp0 (a->contact, b->contact) == 0 &&
         a->start == b->start &&
         a->end == b->end;
}

static gboolean
sample_equal (const PltQueueSample *a,
              const PltQueueSample *b)
{
  return g_strcmp0 (a->queue, b->queue) == 0 &&
         a->at == b->at &&
         a->waiting == b->waiting &&
         a->oldest_since == b->oldest_since &&
         memcmp (&a->agents, &b->agents, sizeof a->agents) == 0;
}

gboolean
plt_supervisor_message_equal (const PltSupervisorMessage *a,
                              const PltSupervisorMessage *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  if (g_strcmp0 (a->id, b->id) != 0 ||
      g_strcmp0 (a->reply_to, b->reply_to) != 0 ||
      g_strcmp0 (a->agent, b->agent) != 0 ||
      g_strcmp0 (a->to_agent, b->to_agent) != 0 ||
      g_strcmp0 (a->to_team, b->to_team) != 0 ||
      g_strcmp0 (a->text, b->text) != 0 ||
      g_strcmp0 (a->from, b->from) != 0 ||
      a->at != b->at || a->from_ms != b->from_ms || a->to_ms != b->to_ms ||
      a->step_s != b->step_s || a->part != b->part || a->last != b->last ||
      a->n_skills != b->n_skills ||
      !strv_equal ((const char * const *) a->agents, (const char * const *) b->agents) ||
      !strv_equal ((const char * const *) a->queues, (const char * const *) b->queues) ||
      a->intervals->len != b->intervals->len ||
      a->queue_samples->len != b->queue_samples->len)
    return FALSE;

  for (guint i = 0; i < a->n_skills; i++)
    if (g_strcmp0 (a->skills[i].queue, b->skills[i].queue) != 0 ||
        a->skills[i].level != b->skills[i].level)
      return FALSE;
  for (guint i = 0; i < a->intervals->len; i++)
    if (!interval_equal (g_ptr_array_index (a->intervals, i), g_ptr_array_index (b->intervals, i)))
      return FALSE;
  for (guint i = 0; i < a->queue_samples->len; i++)
    if (!sample_equal (g_ptr_array_index (a->queue_samples, i), g_ptr_array_index (b->queue_samples, i)))
      return FALSE;

  return TRUE;
}

gboolean
plt_message_type_is_supervisor (PltMessageType type)
{
  switch (type)
    {
    case PLT_MESSAGE_CMD_AGENT_SKILLS:
    case PLT_MESSAGE_CMD_MESSAGE:
    case PLT_MESSAGE_MESSAGE_NEW:
    case PLT_MESSAGE_MESSAGE_ACK:
    case PLT_MESSAGE_HISTORY_QUERY:
    case PLT_MESSAGE_HISTORY_RESULT:
      return TRUE;

    default:
      return FALSE;
    }
}

/* ---------------------------------------------------------------------------
 * Encoding
 */

static void
add_strv (JsonBuilder        *b,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

static void
build_payload (JsonBuilder                *b,
               PltMessageType              type,
               const PltSupervisorMessage *self)
{
  switch (type)
    {
    case PLT_MESSAGE_CMD_AGENT_SKILLS:
      _plt_protocol_add_string (b, "id", self->id);
      _plt_protocol_add_string (b, "agent", self->agent);
      json_builder_set_member_name (b, "skills");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->n_skills; i++)
        {
          json_builder_begin_object (b);
          _plt_protocol_add_string (b, "queue", self->skills[i].queue);
          _plt_protocol_add_int (b, "level", self->skills[i].level);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      break;

    case PLT_MESSAGE_CMD_MESSAGE:
    case PLT_MESSAGE_MESSAGE_NEW:
      _plt_protocol_add_string (b, "id", self->id);
      if (self->to_agent != NULL)
        _plt_protocol_add_string (b, "to_agent", self->to_agent);
      if (self->to_team != NULL)
        _plt_protocol_add_string (b, "to_team", self->to_team);
      _plt_protocol_add_string (b, "text", self->text);
      if (type == PLT_MESSAGE_MESSAGE_NEW)
        {
          _plt_protocol_add_string (b, "from", self->from);
          _plt_protocol_add_int (b, "at", self->at);
        }
      break;

    case PLT_MESSAGE_MESSAGE_ACK:
      _plt_protocol_add_string (b, "id", self->id);
      if (self->reply_to != NULL)
        _plt_protocol_add_string (b, "reply_to", self->reply_to);
      _plt_protocol_add_string (b, "agent", self->agent);
      _plt_protocol_add_int (b, "at", self->at);
      break;

    case PLT_MESSAGE_HISTORY_QUERY:
      _plt_protocol_add_string (b, "id", self->id);
      _plt_protocol_add_int (b, "from", self->from_ms);
      _plt_protocol_add_int (b, "to", self->to_ms);
      if (self->agents != NULL && self->agents[0] != NULL)
        add_strv (b, "agents", (const char * const *) self->agents);
      if (self->queues != NULL && self->queues[0] != NULL)
        add_strv (b, "queues", (const char * const *) self->queues);
      if (self->step_s != 0)
        _plt_protocol_add_int (b, "step_s", self->step_s);
      break;

    case PLT_MESSAGE_HISTORY_RESULT:
      _plt_protocol_add_string (b, "reply_to", self->reply_to);
      _plt_protocol_add_int (b, "part", self->part);
      json_builder_set_member_name (b, "last");
      json_builder_add_boolean_value (b, self->last);
      json_builder_set_member_name (b, "intervals");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->intervals->len; i++)
        {
          const PltAgentInterval *interval = g_ptr_array_index (self->intervals, i);

          json_builder_begin_object (b);
          _plt_protocol_add_string (b, "agent", interval->agent);
          _plt_protocol_add_string (b, "status", plt_agent_status_to_string (interval->status));
          _plt_protocol_add_string (b, "activity", plt_agent_activity_to_string (interval->activity));
          _plt_protocol_add_string (b, "reason", interval->reason);
          _plt_protocol_add_string (b, "queue", interval->queue);
          _plt_protocol_add_string (b, "contact", interval->contact);
          _plt_protocol_add_int (b, "start", interval->start);
          json_builder_set_member_name (b, "end");
          if (interval->end != 0)
            json_builder_add_int_value (b, interval->end);
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "queue_samples");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->queue_samples->len; i++)
        {
          const PltQueueSample *sample = g_ptr_array_index (self->queue_samples, i);

          json_builder_begin_object (b);
          _plt_protocol_add_string (b, "queue", sample->queue);
          _plt_protocol_add_int (b, "at", sample->at);
          _plt_protocol_add_int (b, "waiting", sample->waiting);
          json_builder_set_member_name (b, "oldest_since");
          if (sample->oldest_since != 0)
            json_builder_add_int_value (b, sample->oldest_since);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "agents");
          json_builder_begin_object (b);
          _plt_protocol_add_int (b, "available", sample->agents.available);
          _plt_protocol_add_int (b, "busy", sample->agents.busy);
          _plt_protocol_add_int (b, "wrap_up", sample->agents.wrap_up);
          _plt_protocol_add_int (b, "paused", sample->agents.paused);
          _plt_protocol_add_int (b, "logged_out", sample->agents.logged_out);
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      break;

    default:
      g_assert_not_reached ();
    }
}

void
_plt_supervisor_message_encode (GString                    *out,
                                PltMessageType              type,
                                const PltSupervisorMessage *self)
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
  if (length > 2)
    g_string_append_len (out, text + 1, (gssize) length - 2);
}

char *
plt_protocol_encode_supervisor (gint64                      seq,
                                const char                 *epoch,
                                PltMessageType              type,
                                const PltSupervisorMessage *payload)
{
  g_autoptr(GString) out = g_string_new ("{\"v\":1,\"type\":\"");

  g_return_val_if_fail (plt_message_type_is_supervisor (type), NULL);
  g_return_val_if_fail (payload != NULL, NULL);

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
  _plt_supervisor_message_encode (out, type, payload);
  g_string_append (out, "}}");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---------------------------------------------------------------------------
 * Decoding
 */

G_GNUC_PRINTF (4, 5)
static gboolean
fail (GError          **error,
      PltProtocolError  code,
      const char       *field,
      const char       *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PLT_PROTOCOL_ERROR, code, "field “data.%s” %s", field, what);
  return FALSE;
}

static gboolean
get_int (JsonObject  *object,
         const char  *name,
         gboolean     nullable,
         gint64       min,
         gint64       max,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (nullable)
        return TRUE;
      return fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, name, "is missing");
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, name, "must be an integer");
  value = json_node_get_int (node);
  if (value < min || value > max)
    return fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, name,
                 "must be an integer from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT, min, max);
  *out = value;
  return TRUE;
}

static gboolean
get_array (JsonObject  *object,
           const char  *name,
           gboolean     optional,
           guint        max,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (optional)
        return TRUE;
      return fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, name, "is missing");
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, name, "must be an array");
  if (json_array_get_length (json_node_get_array (node)) > max)
    return fail (error, PLT_PROTOCOL_ERROR_TOO_LARGE, name, "holds more than %u elements", max);
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_element (JsonArray   *array,
             guint        i,
             const char  *name,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, name, "[%u] must be an object", i);
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
get_ids (JsonObject  *object,
         const char  *name,
         GStrv       *out,
         GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  if (!get_array (object, name, TRUE, PLT_PROTOCOL_MAX_HISTORY_IDS, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *id;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, name, "[%u] must be a string", i);
      id = json_node_get_string (node);
      if (strlen (id) < 1 || strlen (id) > PLT_PROTOCOL_MAX_ID)
        return fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, name, "[%u] must be an id of 1 to %u bytes",
                     i, PLT_PROTOCOL_MAX_ID);
      g_ptr_array_add (ids, g_strdup (id));
    }
  g_ptr_array_add (ids, NULL);

  g_strfreev (*out);
  *out = (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
  return TRUE;
}

static gboolean
decode_skills (JsonObject            *data,
               PltSupervisorMessage  *self,
               GError               **error)
{
  JsonArray *array;
  g_autofree PltAgentSkill *skills = NULL;
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func (g_free);
  guint n;

  if (!get_array (data, "skills", FALSE, PLT_PROTOCOL_MAX_SKILLS, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  skills = g_new0 (PltAgentSkill, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *element = NULL;
      char *queue = NULL;
      gint64 level = 0;

      if (!get_element (array, i, "skills", &element, error) ||
          !_plt_protocol_get_string (element, "data", "queue", FALSE, PLT_PROTOCOL_MAX_ID, &queue, error))
        return FALSE;
      g_ptr_array_add (queues, queue);
      if (!get_int (element, "level", FALSE, 1, PLT_PROTOCOL_MAX_SKILL_LEVEL, &level, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (strcmp (skills[j].queue, queue) == 0)
          return fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, "skills",
                       "names the queue “%s” twice", queue);
      skills[i].queue = queue;
      skills[i].level = (guint) level;
    }

  plt_supervisor_message_set_skills (self, skills, n);
  return TRUE;
}

static gboolean
decode_interval (JsonObject        *element,
                 GPtrArray         *intervals,
                 GError           **error)
{
  g_autofree char *agent = NULL;
  g_autofree char *status = NULL;
  g_autofree char *activity = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *contact = NULL;
  PltAgentInterval interval = { 0 };

  if (!_plt_protocol_get_string (element, "data", "agent", FALSE, PLT_PROTOCOL_MAX_ID, &agent, error) ||
      !_plt_protocol_get_string (element, "data", "status", FALSE, PLT_PROTOCOL_MAX_ID, &status, error) ||
      !_plt_protocol_get_string (element, "data", "activity", FALSE, PLT_PROTOCOL_MAX_ID, &activity, error) ||
      !_plt_protocol_get_string (element, "data", "reason", TRUE, PLT_PROTOCOL_MAX_ID, &reason, error) ||
      !_plt_protocol_get_string (element, "data", "queue", TRUE, PLT_PROTOCOL_MAX_ID, &queue, error) ||
      !_plt_protocol_get_string (element, "data", "contact", TRUE, PLT_PROTOCOL_MAX_ID, &contact, error) ||
      !get_int (element, "start", FALSE, 0, G_MAXINT64, &interval.start, error) ||
      !get_int (element, "end", TRUE, 0, G_MAXINT64, &interval.end, error))
    return FALSE;
  if (interval.end != 0 && interval.end < interval.start)
    return fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, "intervals", "has an interval that ends before it starts");

  interval.agent = agent;
  interval.status = plt_agent_status_from_string (status);
  interval.activity = plt_agent_activity_from_string (activity);
  interval.reason = reason;
  interval.queue = queue;
  interval.contact = contact;
  g_ptr_array_add (intervals, plt_agent_interval_copy (&interval));
  return TRUE;
}

static gboolean
decode_sample (JsonObject   *element,
               GPtrArray    *samples,
               GError      **error)
{
  g_autoptr(PltQueueSample) sample = g_new0 (PltQueueSample, 1);
  JsonNode *node = json_object_get_member (element, "agents");
  JsonObject *agents;
  gint64 waiting = 0;
  gint64 counts[5] = { 0 };
  static const char * const names[] = { "available", "busy", "wrap_up", "paused", "logged_out" };

  if (!_plt_protocol_get_string (element, "data", "queue", FALSE, PLT_PROTOCOL_MAX_ID, &sample->queue, error) ||
      !get_int (element, "at", FALSE, 0, G_MAXINT64, &sample->at, error) ||
      !get_int (element, "waiting", FALSE, 0, G_MAXUINT32, &waiting, error) ||
      !get_int (element, "oldest_since", TRUE, 0, G_MAXINT64, &sample->oldest_since, error))
    return FALSE;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, "queue_samples", "has a sample whose “agents” is not an object");
  agents = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (!get_int (agents, names[i], FALSE, 0, G_MAXUINT32, &counts[i], error))
      return FALSE;

  sample->waiting = (guint) waiting;
  sample->agents.available = (guint) counts[0];
  sample->agents.busy = (guint) counts[1];
  sample->agents.wrap_up = (guint) counts[2];
  sample->agents.paused = (guint) counts[3];
  sample->agents.logged_out = (guint) counts[4];
  g_ptr_array_add (samples, g_steal_pointer (&sample));
  return TRUE;
}

gboolean
_plt_supervisor_message_decode (PltMessageType         type,
                                JsonObject            *data,
                                PltSupervisorMessage **out,
                                GError               **error)
{
  g_autoptr(PltSupervisorMessage) self = plt_supervisor_message_new ();

  switch (type)
    {
    case PLT_MESSAGE_CMD_AGENT_SKILLS:
      if (!_plt_protocol_get_string (data, "data", "id", FALSE, PLT_PROTOCOL_MAX_ID, &self->id, error) ||
          !_plt_protocol_get_string (data, "data", "agent", FALSE, PLT_PROTOCOL_MAX_ID, &self->agent, error) ||
          !decode_skills (data, self, error))
        return FALSE;
      break;

    case PLT_MESSAGE_CMD_MESSAGE:
    case PLT_MESSAGE_MESSAGE_NEW:
      if (!_plt_protocol_get_string (data, "data", "id", FALSE, PLT_PROTOCOL_MAX_ID, &self->id, error) ||
          !_plt_protocol_get_string (data, "data", "to_agent", TRUE, PLT_PROTOCOL_MAX_ID, &self->to_agent, error) ||
          !_plt_protocol_get_string (data, "data", "to_team", TRUE, PLT_PROTOCOL_MAX_ID, &self->to_team, error) ||
          !_plt_protocol_get_string (data, "data", "text", FALSE, PLT_PROTOCOL_MAX_MESSAGE_TEXT, &self->text, error))
        return FALSE;
      if ((self->to_agent == NULL) == (self->to_team == NULL))
        return fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, "to_agent",
                     "or “data.to_team” must be given, and only one of them");
      if (type == PLT_MESSAGE_MESSAGE_NEW &&
          (!_plt_protocol_get_string (data, "data", "from", TRUE, PLT_PROTOCOL_MAX_STRING, &self->from, error) ||
           !get_int (data, "at", FALSE, 0, G_MAXINT64, &self->at, error)))
        return FALSE;
      break;

    case PLT_MESSAGE_MESSAGE_ACK:
      if (!_plt_protocol_get_string (data, "data", "id", FALSE, PLT_PROTOCOL_MAX_ID, &self->id, error) ||
          !_plt_protocol_get_string (data, "data", "reply_to", TRUE, PLT_PROTOCOL_MAX_ID, &self->reply_to, error) ||
          !_plt_protocol_get_string (data, "data", "agent", FALSE, PLT_PROTOCOL_MAX_ID, &self->agent, error) ||
          !get_int (data, "at", FALSE, 0, G_MAXINT64, &self->at, error))
        return FALSE;
      break;

    case PLT_MESSAGE_HISTORY_QUERY:
      {
        gint64 step = 0;

        if (!_plt_protocol_get_string (data, "data", "id", FALSE, PLT_PROTOCOL_MAX_ID, &self->id, error) ||
            !get_int (data, "from", FALSE, 0, G_MAXINT64, &self->from_ms, error) ||
            !get_int (data, "to", FALSE, 0, G_MAXINT64, &self->to_ms, error) ||
            !get_ids (data, "agents", &self->agents, error) ||
            !get_ids (data, "queues", &self->queues, error) ||
            !get_int (data, "step_s", TRUE, PLT_PROTOCOL_MIN_HISTORY_STEP_S,
                      PLT_PROTOCOL_MAX_HISTORY_STEP_S, &step, error))
          return FALSE;
        if (self->to_ms <= self->from_ms)
          return fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, "to", "must be after “data.from”");
        if (self->to_ms - self->from_ms > PLT_PROTOCOL_MAX_HISTORY_PERIOD_MS)
          return fail (error, PLT_PROTOCOL_ERROR_TOO_LARGE, "to", "is more than 7 days after “data.from”");
        self->step_s = (guint) step;
      }
      break;

    case PLT_MESSAGE_HISTORY_RESULT:
      {
        JsonArray *intervals;
        JsonArray *samples;
        JsonNode *last = json_object_get_member (data, "last");
        gint64 part = 0;

        if (!_plt_protocol_get_string (data, "data", "reply_to", FALSE, PLT_PROTOCOL_MAX_ID, &self->reply_to, error) ||
            !get_int (data, "part", FALSE, 0, G_MAXUINT32, &part, error) ||
            !get_array (data, "intervals", FALSE, PLT_PROTOCOL_MAX_HISTORY_INTERVALS, &intervals, error) ||
            !get_array (data, "queue_samples", FALSE, PLT_PROTOCOL_MAX_HISTORY_SAMPLES, &samples, error))
          return FALSE;
        if (last == NULL || !JSON_NODE_HOLDS_VALUE (last) || json_node_get_value_type (last) != G_TYPE_BOOLEAN)
          return fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, "last", "must be a boolean");
        self->part = (guint) part;
        self->last = json_node_get_boolean (last);

        for (guint i = 0; i < json_array_get_length (intervals); i++)
          {
            JsonObject *element = NULL;

            if (!get_element (intervals, i, "intervals", &element, error) ||
                !decode_interval (element, self->intervals, error))
              return FALSE;
          }
        for (guint i = 0; i < json_array_get_length (samples); i++)
          {
            JsonObject *element = NULL;

            if (!get_element (samples, i, "queue_samples", &element, error) ||
                !decode_sample (element, self->queue_samples, error))
              return FALSE;
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  *out = g_steal_pointer (&self);
  return TRUE;
}
