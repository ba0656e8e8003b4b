/* plt-protocol-decode.c — PltDecoder: the text of a message to a
 * PltMessage, with a named error for each way it can be wrong
 * (docs/protocol.md §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "plt-json-scan.h"
#include "plt-protocol.h"
#include "plt-protocol-private.h"
#include "plt-protocol-planning.h"
#include "plt-protocol-supervisor.h"

/* ------------------------------------------------------------------------ */
/* Field access with named errors                                            */
/* ------------------------------------------------------------------------ */

/* Where a field sits, as a chain on the stack: "data.agents[3].status". Only
 * rendered when a message is rejected. */
typedef struct _Path Path;
struct _Path
{
  const Path *parent;
  const char *name;   /* NULL for an array element */
  guint       index;
};

static void
path_render (GString    *out,
             const Path *path)
{
  if (path == NULL)
    return;

  path_render (out, path->parent);

  if (path->name != NULL)
    {
      if (out->len > 0)
        g_string_append_c (out, '.');
      g_string_append (out, path->name);
    }
  else
    g_string_append_printf (out, "[%u]", path->index);
}

G_GNUC_PRINTF (5, 6)
static gboolean
field_fail (GError           **error,
            PltProtocolError   code,
            const Path        *at,
            const char        *name,
            const char        *format,
            ...)
{
  g_autoptr(GString) field = g_string_new (NULL);
  g_autofree char *what = NULL;
  Path leaf = { at, name, 0 };
  va_list args;

  path_render (field, name != NULL ? &leaf : at);

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, PLT_PROTOCOL_ERROR, code, "field “%s” %s", field->str, what);
  return FALSE;
}

static gboolean
node_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
read_int (JsonObject  *object,
          const Path  *at,
          const char  *name,
          gint64       min,
          gint64       max,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL)
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "is missing");

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "must be an integer");

  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      if (max == G_MAXINT64)
        return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name,
                           "must be an integer ≥ %" G_GINT64_FORMAT, min);
      return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name,
                         "must be an integer from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                         min, max);
    }

  *out = value;
  return TRUE;
}

static gboolean
read_uint (JsonObject  *object,
           const Path  *at,
           const char  *name,
           guint        min,
           guint        max,
           guint       *out,
           GError     **error)
{
  gint64 value;

  if (!read_int (object, at, name, min, max, &value, error))
    return FALSE;

  *out = (guint) value;
  return TRUE;
}

/* An optional integer: absent or null gives @absent_value. */
static gboolean
read_optional_uint (JsonObject  *object,
                    const Path  *at,
                    const char  *name,
                    guint        min,
                    guint        max,
                    guint        absent_value,
                    guint       *out,
                    GError     **error)
{
  if (node_is_null (json_object_get_member (object, name)))
    {
      *out = absent_value;
      return TRUE;
    }

  return read_uint (object, at, name, min, max, out, error);
}

/* An integer, or null (or absent) which gives @null_value. */
static gboolean
read_int_or_null (JsonObject  *object,
                  const Path  *at,
                  const char  *name,
                  gint64       min,
                  gint64       max,
                  gint64       null_value,
                  gint64      *out,
                  GError     **error)
{
  if (node_is_null (json_object_get_member (object, name)))
    {
      *out = null_value;
      return TRUE;
    }

  return read_int (object, at, name, min, max, out, error);
}

static gboolean
read_number (JsonObject  *object,
             const Path  *at,
             const char  *name,
             double       min,
             double       max,
             gboolean     min_exclusive,
             double      *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  double value;

  if (node == NULL)
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "is missing");

  if (!JSON_NODE_HOLDS_VALUE (node))
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "must be a number");

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "must be a number");

  if (!isfinite (value) || value > max || value < min || (min_exclusive && value == min))
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name,
                       "must be a number %s %g and ≤ %g", min_exclusive ? ">" : "≥", min, max);

  *out = value;
  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const Path  *at,
           const char  *name,
           gboolean     absent_value,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      *out = absent_value;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "must be true or false");

  *out = json_node_get_boolean (node);
  return TRUE;
}

typedef enum
{
  STRING_TEXT     = 0,        /* any string, 0–4096 bytes (the pre-scan bounds it) */
  STRING_ID       = 1 << 0,   /* 1–64 bytes */
  STRING_NULLABLE = 1 << 1,   /* null or absent gives NULL */
} StringFlags;

/* Returns a borrowed string (or NULL when nullable and null). */
static gboolean
peek_string (JsonObject   *object,
             const Path   *at,
             const char   *name,
             StringFlags   flags,
             const char  **out,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *value;

  if (node_is_null (node))
    {
      if (flags & STRING_NULLABLE)
        {
          *out = NULL;
          return TRUE;
        }
      if (node == NULL)
        return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "is missing");
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name,
                       (flags & STRING_NULLABLE) ? "must be a string or null" : "must be a string");

  value = json_node_get_string (node);
  if (value == NULL)
    value = "";

  if (flags & STRING_ID)
    {
      gsize len = strlen (value);

      if (len < 1 || len > PLT_PROTOCOL_MAX_ID)
        return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name,
                           "must be 1 to 64 bytes long");
    }

  *out = value;
  return TRUE;
}

static gboolean
read_string (JsonObject   *object,
             const Path   *at,
             const char   *name,
             StringFlags   flags,
             char        **out,
             GError      **error)
{
  const char *value;

  if (!peek_string (object, at, name, flags, &value, error))
    return FALSE;

  g_free (*out);
  *out = g_strdup (value);
  return TRUE;
}

static gboolean
read_object (JsonObject   *object,
             const Path   *at,
             const char   *name,
             JsonObject  **out,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "is missing");

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "must be an object");

  *out = json_node_get_object (node);
  return TRUE;
}

/* An optional array: absent or null gives NULL. */
static gboolean
read_optional_array (JsonObject  *object,
                     const Path  *at,
                     const char  *name,
                     JsonArray  **out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node_is_null (node))
    {
      *out = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, name, "must be an array");

  *out = json_node_get_array (node);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Entities                                                                  */
/* ------------------------------------------------------------------------ */

#define MAX_COUNT G_MAXINT32

static PltTeamData *
parse_team (JsonObject  *object,
            const Path  *at,
            GError     **error)
{
  g_autoptr(PltTeamData) data = plt_team_data_new ();

  if (!read_string (object, at, "id", STRING_ID, &data->id, error) ||
      !read_int (object, at, "ver", 1, G_MAXINT64, &data->ver, error) ||
      !read_string (object, at, "name", STRING_TEXT, &data->name, error))
    return NULL;

  return g_steal_pointer (&data);
}

/* "skills": [{"queue": id, "level": n}], optional. */
static gboolean
parse_agent_skills (JsonObject    *object,
                    const Path    *at,
                    PltAgentData  *data,
                    GError       **error)
{
  Path skills_at = { at, "skills", 0 };
  g_autofree PltAgentSkill *skills = NULL;
  JsonArray *array;
  guint n;
  gboolean ok = TRUE;

  if (!read_optional_array (object, at, "skills", &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  skills = g_new0 (PltAgentSkill, n + 1);
  for (guint i = 0; i < n && ok; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      Path element = { &skills_at, NULL, i };
      const char *queue = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        ok = field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, &element, NULL, "must be an object");
      else if (peek_string (json_node_get_object (node), &element, "queue", STRING_ID, &queue, error) &&
               read_uint (json_node_get_object (node), &element, "level", 1, 1000, &skills[i].level, error))
        skills[i].queue = (char *) queue;   /* borrowed until copied below */
      else
        ok = FALSE;
    }

  if (ok)
    plt_agent_data_set_skills (data, skills, n);
  return ok;
}

static PltAgentData *
parse_agent (JsonObject  *object,
             const Path  *at,
             GError     **error)
{
  g_autoptr(PltAgentData) data = plt_agent_data_new ();
  const char *status = NULL;
  const char *activity = NULL;
  JsonNode *queues_node;
  JsonArray *queues;
  Path queues_at = { at, "queues", 0 };
  guint n;

  if (!read_string (object, at, "id", STRING_ID, &data->id, error) ||
      !read_int (object, at, "ver", 1, G_MAXINT64, &data->ver, error) ||
      !read_string (object, at, "name", STRING_TEXT, &data->name, error) ||
      !read_string (object, at, "team", STRING_ID, &data->team, error) ||
      !peek_string (object, at, "status", STRING_TEXT, &status, error) ||
      !read_string (object, at, "reason", STRING_NULLABLE, &data->reason, error) ||
      !peek_string (object, at, "activity", STRING_TEXT, &activity, error) ||
      !read_int (object, at, "since", 0, G_MAXINT64, &data->since, error) ||
      !read_string (object, at, "queue", STRING_ID | STRING_NULLABLE, &data->queue, error) ||
      !read_string (object, at, "call", STRING_ID | STRING_NULLABLE, &data->call, error))
    return NULL;

  data->status = plt_agent_status_from_string (status);
  data->activity = plt_agent_activity_from_string (activity);

  queues_node = json_object_get_member (object, "queues");
  if (queues_node == NULL)
    {
      field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, "queues", "is missing");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (queues_node))
    {
      field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, "queues", "must be an array");
      return NULL;
    }

  queues = json_node_get_array (queues_node);
  n = json_array_get_length (queues);
  g_strfreev (data->queues);
  data->queues = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (queues, i);
      Path element = { &queues_at, NULL, i };
      gsize len;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, &element, NULL, "must be a string");
          return NULL;
        }

      len = strlen (json_node_get_string (node));
      if (len < 1 || len > PLT_PROTOCOL_MAX_ID)
        {
          field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, &element, NULL,
                      "must be 1 to 64 bytes long");
          return NULL;
        }

      data->queues[i] = g_strdup (json_node_get_string (node));
    }

  return parse_agent_skills (object, at, data, error) ? g_steal_pointer (&data) : NULL;
}

static PltQueueData *
parse_queue (JsonObject  *object,
             const Path  *at,
             GError     **error)
{
  g_autoptr(PltQueueData) data = plt_queue_data_new ();
  const char *media = NULL;
  JsonObject *agents = NULL;
  JsonObject *today = NULL;
  Path agents_at = { at, "agents", 0 };
  Path today_at = { at, "today", 0 };

  if (!read_string (object, at, "id", STRING_ID, &data->id, error) ||
      !read_int (object, at, "ver", 1, G_MAXINT64, &data->ver, error) ||
      !read_string (object, at, "name", STRING_TEXT, &data->name, error) ||
      !peek_string (object, at, "media", STRING_TEXT, &media, error) ||
      !read_uint (object, at, "sl_threshold_s", 1, 86400, &data->sl_threshold_s, error) ||
      !read_number (object, at, "sl_target", 0.0, 1.0, FALSE, &data->sl_target, error) ||
      !read_uint (object, at, "waiting", 0, MAX_COUNT, &data->waiting, error) ||
      !read_int_or_null (object, at, "oldest_since", 0, G_MAXINT64, 0, &data->oldest_since, error) ||
      !read_object (object, at, "agents", &agents, error) ||
      !read_uint (agents, &agents_at, "available", 0, MAX_COUNT, &data->agents.available, error) ||
      !read_uint (agents, &agents_at, "busy", 0, MAX_COUNT, &data->agents.busy, error) ||
      !read_uint (agents, &agents_at, "wrap_up", 0, MAX_COUNT, &data->agents.wrap_up, error) ||
      !read_uint (agents, &agents_at, "paused", 0, MAX_COUNT, &data->agents.paused, error) ||
      !read_uint (agents, &agents_at, "logged_out", 0, MAX_COUNT, &data->agents.logged_out, error) ||
      !read_object (object, at, "today", &today, error) ||
      !read_uint (today, &today_at, "offered", 0, MAX_COUNT, &data->today.offered, error) ||
      !read_uint (today, &today_at, "answered", 0, MAX_COUNT, &data->today.answered, error) ||
      !read_uint (today, &today_at, "abandoned", 0, MAX_COUNT, &data->today.abandoned, error) ||
      !read_uint (today, &today_at, "answered_in_sl", 0, MAX_COUNT, &data->today.answered_in_sl, error) ||
      !read_int (today, &today_at, "wait_total_s", 0, G_MAXINT64, &data->today.wait_total_s, error) ||
      !read_optional_uint (today, &today_at, "overflowed", 0, MAX_COUNT, 0, &data->today.overflowed, error) ||
      !read_optional_uint (today, &today_at, "callbacks", 0, MAX_COUNT, 0, &data->today.callbacks, error) ||
      !read_optional_uint (today, &today_at, "transferred", 0, MAX_COUNT, 0, &data->today.transferred, error) ||
      !read_optional_uint (object, at, "priority", 0, 1000, 0, &data->priority, error))
    return NULL;

  data->media = plt_queue_media_from_string (media);

  return g_steal_pointer (&data);
}

static PltCallData *
parse_call (JsonObject  *object,
            const Path  *at,
            GError     **error)
{
  g_autoptr(PltCallData) data = plt_call_data_new ();
  const char *state = NULL;
  const char *media = NULL;
  const char *origin = NULL;

  if (!read_string (object, at, "id", STRING_ID, &data->id, error) ||
      !read_int (object, at, "ver", 1, G_MAXINT64, &data->ver, error) ||
      !read_string (object, at, "queue", STRING_ID, &data->queue, error) ||
      !peek_string (object, at, "state", STRING_TEXT, &state, error) ||
      !read_string (object, at, "agent", STRING_ID | STRING_NULLABLE, &data->agent, error) ||
      !read_string (object, at, "number", STRING_NULLABLE, &data->number, error) ||
      !read_int (object, at, "since", 0, G_MAXINT64, &data->since, error) ||
      !read_int (object, at, "enqueued", 0, G_MAXINT64, &data->enqueued, error) ||
      !peek_string (object, at, "media", STRING_TEXT | STRING_NULLABLE, &media, error) ||
      !read_optional_uint (object, at, "priority", 0, 1000, 0, &data->priority, error) ||
      !peek_string (object, at, "origin", STRING_TEXT | STRING_NULLABLE, &origin, error) ||
      !read_string (object, at, "parent", STRING_ID | STRING_NULLABLE, &data->parent, error))
    return NULL;

  data->state = plt_call_state_from_string (state);
  data->media = media != NULL ? plt_queue_media_from_string (media) : PLT_QUEUE_MEDIA_UNKNOWN;
  data->origin = plt_contact_origin_from_string (origin);

  return g_steal_pointer (&data);
}

typedef gpointer (*ParseEntityFunc) (JsonObject  *object,
                                     const Path  *at,
                                     GError     **error);

static gboolean
parse_entity_array (JsonObject       *data,
                    const Path       *at,
                    const char       *name,
                    ParseEntityFunc   parse,
                    GPtrArray        *out,
                    GError          **error)
{
  JsonArray *array = NULL;
  Path array_at = { at, name, 0 };
  guint n;

  if (!read_optional_array (data, at, name, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  if (n > PLT_PROTOCOL_MAX_PART_ENTITIES)
    return field_fail (error, PLT_PROTOCOL_ERROR_TOO_LARGE, at, name,
                       "holds %u entities; a part holds at most 500", n);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      Path element = { &array_at, NULL, i };
      gpointer entity;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, &element, NULL, "must be an object");

      entity = parse (json_node_get_object (node), &element, error);
      if (entity == NULL)
        return FALSE;

      g_ptr_array_add (out, entity);
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* KPIs                                                                      */
/* ------------------------------------------------------------------------ */

/* A number ≥ 0, or null (or absent) which gives NaN: an undefined figure. */
static gboolean
read_figure (JsonObject  *object,
             const Path  *at,
             const char  *name,
             double      *out,
             GError     **error)
{
  if (node_is_null (json_object_get_member (object, name)))
    {
      *out = NAN;
      return TRUE;
    }

  return read_number (object, at, name, 0.0, G_MAXDOUBLE, FALSE, out, error);
}

static gboolean
parse_kpi_values (JsonObject    *object,
                  const Path    *at,
                  const char    *name,
                  PltKpiValues  *v,
                  GError       **error)
{
  JsonObject *values = NULL;
  Path values_at = { at, name, 0 };

  return read_object (object, at, name, &values, error) &&
         read_int (values, &values_at, "offered", 0, G_MAXINT64, &v->offered, error) &&
         read_int (values, &values_at, "answered", 0, G_MAXINT64, &v->answered, error) &&
         read_int (values, &values_at, "answered_in_sl", 0, G_MAXINT64, &v->answered_in_t, error) &&
         read_int (values, &values_at, "abandoned", 0, G_MAXINT64, &v->abandoned, error) &&
         read_int (values, &values_at, "abandoned_short", 0, G_MAXINT64, &v->abandoned_short, error) &&
         read_int (values, &values_at, "overflowed", 0, G_MAXINT64, &v->overflowed, error) &&
         read_int (values, &values_at, "callbacks", 0, G_MAXINT64, &v->callbacks, error) &&
         read_int (values, &values_at, "transferred", 0, G_MAXINT64, &v->transferred, error) &&
         read_int (values, &values_at, "rona", 0, G_MAXINT64, &v->rona, error) &&
         read_int (values, &values_at, "handled", 0, G_MAXINT64, &v->handled, error) &&
         read_figure (values, &values_at, "service_level", &v->service_level, error) &&
         read_figure (values, &values_at, "abandon_rate", &v->abandon_rate, error) &&
         read_figure (values, &values_at, "asa_s", &v->asa_s, error) &&
         read_figure (values, &values_at, "longest_wait_s", &v->longest_wait_s, error) &&
         read_figure (values, &values_at, "aht_s", &v->aht_s, error) &&
         read_figure (values, &values_at, "talk_s", &v->talk_s, error) &&
         read_figure (values, &values_at, "hold_s", &v->hold_s, error) &&
         read_figure (values, &values_at, "wrap_s", &v->wrap_s, error) &&
         read_figure (values, &values_at, "occupancy", &v->occupancy, error) &&
         read_figure (values, &values_at, "utilisation", &v->utilisation, error) &&
         read_figure (values, &values_at, "logged_in_s", &v->logged_in_s, error) &&
         read_figure (values, &values_at, "available_s", &v->available_s, error) &&
         read_figure (values, &values_at, "contact_s", &v->contact_s, error) &&
         read_figure (values, &values_at, "paused_s", &v->paused_s, error) &&
         read_figure (values, &values_at, "adherence", &v->adherence, error) &&
         read_figure (values, &values_at, "conformance", &v->conformance, error) &&
         read_figure (values, &values_at, "ewt_s", &v->ewt_s, error);
}

static gboolean
parse_kpi_rows (JsonObject  *data,
                const Path  *at,
                GPtrArray   *rows,
                GError     **error)
{
  JsonArray *array = NULL;
  Path rows_at = { at, "rows", 0 };
  guint n;

  if (!read_optional_array (data, at, "rows", &array, error))
    return FALSE;
  if (array == NULL)
    return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, at, "rows", "is missing");

  n = json_array_get_length (array);
  if (n > PLT_PROTOCOL_MAX_KPI_ROWS)
    return field_fail (error, PLT_PROTOCOL_ERROR_TOO_LARGE, at, "rows",
                       "holds %u rows; a result holds at most %u", n, PLT_PROTOCOL_MAX_KPI_ROWS);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      Path element = { &rows_at, NULL, i };
      g_autoptr(PltKpiRow) row = g_new0 (PltKpiRow, 1);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, &element, NULL, "must be an object");
      object = json_node_get_object (node);

      if (!read_string (object, &element, "id", STRING_ID, &row->id, error) ||
          !read_int (object, &element, "from", 0, G_MAXINT64, &row->from, error) ||
          !read_int (object, &element, "to", 0, G_MAXINT64, &row->to, error) ||
          !parse_kpi_values (object, &element, "values", &row->values, error))
        return FALSE;

      g_ptr_array_add (rows, g_steal_pointer (&row));
    }

  return TRUE;
}

/* An optional array of ids (absent or null: none), at most @max. */
static gboolean
parse_kpi_ids (JsonObject  *data,
               const Path  *at,
               const char  *name,
               guint        max,
               GStrv       *out,
               GError     **error)
{
  JsonArray *array = NULL;
  Path ids_at = { at, name, 0 };
  GStrv ids;
  guint n;

  if (!read_optional_array (data, at, name, &array, error))
    return FALSE;

  n = array != NULL ? json_array_get_length (array) : 0;
  if (n > max)
    return field_fail (error, PLT_PROTOCOL_ERROR_TOO_LARGE, at, name,
                       "holds %u elements; at most %u", n, max);

  ids = g_new0 (char *, n + 1);
  g_strfreev (*out);
  *out = ids;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      Path element = { &ids_at, NULL, i };
      gsize len;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, &element, NULL, "must be a string");

      len = strlen (json_node_get_string (node));
      if (len < 1 || len > PLT_PROTOCOL_MAX_ID)
        return field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, &element, NULL,
                           "must be 1 to 64 bytes long");

      ids[i] = g_strdup (json_node_get_string (node));
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Payloads                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
parse_payload (PltMessage  *message,
               JsonObject  *data,
               const Path  *at,
               GError     **error)
{
  switch (message->type)
    {
    case PLT_MESSAGE_HELLO:
      {
        JsonObject *resume = NULL;
        Path resume_at = { at, "resume", 0 };

        if (!read_string (data, at, "client", STRING_TEXT, &message->u.hello_client, error))
          return FALSE;

        /* Optional: absent or null is a first connection. */
        if (node_is_null (json_object_get_member (data, "resume")))
          return TRUE;

        message->resume = g_new0 (PltResumeData, 1);
        return read_object (data, at, "resume", &resume, error) &&
               read_string (resume, &resume_at, "session", STRING_ID, &message->resume->session, error) &&
               read_string (resume, &resume_at, "epoch", STRING_ID, &message->resume->epoch, error) &&
               read_int (resume, &resume_at, "seq", 0, G_MAXINT64, &message->resume->seq, error);
      }

    case PLT_MESSAGE_RESULT:
      return read_string (data, at, "reply_to", STRING_ID, &message->u.result.reply_to, error) &&
             read_bool (data, at, "ok", TRUE, &message->u.result.ok, error);

    case PLT_MESSAGE_KPI_UPDATE:
      {
        PltKpiUpdateData *update = &message->u.kpi_update;
        gint64 threshold = 0;

        if (!read_string (data, at, "scope", STRING_ID, &update->scope, error) ||
            !read_string (data, at, "id", STRING_ID, &update->id, error) ||
            !read_string (data, at, "period", STRING_ID, &update->period, error) ||
            !read_int (data, at, "from", 0, G_MAXINT64, &update->from, error) ||
            !read_int (data, at, "to", 0, G_MAXINT64, &update->to, error) ||
            !read_string (data, at, "sl_variant", STRING_ID | STRING_NULLABLE, &update->sl_variant, error) ||
            !read_int_or_null (data, at, "sl_threshold_s", 1, 86400, 0, &threshold, error) ||
            !parse_kpi_values (data, at, "values", &update->values, error))
          return FALSE;

        update->sl_threshold_s = (guint) threshold;
        return TRUE;
      }

    case PLT_MESSAGE_KPI_QUERY:
      {
        PltKpiQueryData *query = &message->u.kpi_query;

        return read_string (data, at, "id", STRING_ID, &query->id, error) &&
               read_string (data, at, "scope", STRING_ID, &query->scope, error) &&
               parse_kpi_ids (data, at, "ids", PLT_PROTOCOL_MAX_KPI_IDS, &query->ids, error) &&
               read_string (data, at, "period", STRING_ID | STRING_NULLABLE, &query->period, error) &&
               read_int_or_null (data, at, "from", 0, G_MAXINT64, 0, &query->from, error) &&
               read_int_or_null (data, at, "to", 0, G_MAXINT64, 0, &query->to, error) &&
               read_int_or_null (data, at, "interval_s", 0, 86400, 0, &query->interval_s, error);
      }

    case PLT_MESSAGE_KPI_SUBSCRIBE:
      return read_string (data, at, "id", STRING_ID, &message->u.kpi_subscribe.id, error) &&
             parse_kpi_ids (data, at, "scopes", 8, &message->u.kpi_subscribe.scopes, error);

    case PLT_MESSAGE_KPI_RESULT:
      return read_string (data, at, "reply_to", STRING_ID, &message->u.kpi_result.reply_to, error) &&
             read_string (data, at, "scope", STRING_ID, &message->u.kpi_result.scope, error) &&
             parse_kpi_rows (data, at, message->u.kpi_result.rows, error);

    case PLT_MESSAGE_CMD_AGENT_STATUS:
      {
        PltAgentStatusCommandData *cmd = &message->u.cmd_agent_status;
        const char *status = NULL;

        if (!read_string (data, at, "id", STRING_ID, &cmd->id, error) ||
            !read_string (data, at, "agent", STRING_ID, &cmd->agent, error) ||
            !peek_string (data, at, "status", STRING_TEXT, &status, error) ||
            !read_string (data, at, "reason", STRING_ID | STRING_NULLABLE, &cmd->reason, error))
          return FALSE;

        cmd->status = plt_agent_status_from_string (status);
        return TRUE;
      }

    case PLT_MESSAGE_WELCOME:
      {
        PltWelcomeData *w = &message->u.welcome;
        JsonObject *clock = NULL;
        JsonObject *limits = NULL;
        Path clock_at = { at, "clock", 0 };
        Path limits_at = { at, "limits", 0 };

        return read_string (data, at, "session", STRING_TEXT, &w->session, error) &&
               read_string (data, at, "server", STRING_TEXT, &w->server, error) &&
               read_int (data, at, "heartbeat_ms", 100, 600000, &w->heartbeat_ms, error) &&
               read_object (data, at, "clock", &clock, error) &&
               read_int (clock, &clock_at, "now", 0, G_MAXINT64, &w->clock_now, error) &&
               read_number (clock, &clock_at, "rate", 0.0, 1.0e6, TRUE, &w->clock_rate, error) &&
               read_object (data, at, "limits", &limits, error) &&
               read_int (limits, &limits_at, "max_message", 1, G_MAXINT32, &w->limits.max_message, error) &&
               read_int (limits, &limits_at, "max_client_message", 1, G_MAXINT32, &w->limits.max_client_message, error) &&
               read_int (limits, &limits_at, "max_depth", 1, G_MAXINT32, &w->limits.max_depth, error) &&
               read_int (limits, &limits_at, "max_string", 1, G_MAXINT32, &w->limits.max_string, error) &&
               read_bool (data, at, "replay", FALSE, &w->replay, error) &&
               read_string (data, at, "role", STRING_ID | STRING_NULLABLE, &w->role, error);
      }

    case PLT_MESSAGE_ACK:
      return read_int (data, at, "seq", 0, G_MAXINT64, &message->u.ack_seq, error);

    case PLT_MESSAGE_RESYNC:
      return read_int (data, at, "from_seq", 0, G_MAXINT64, &message->u.resync_from_seq, error);

    case PLT_MESSAGE_SNAPSHOT_BEGIN:
      {
        PltSnapshotBeginData *b = &message->u.snapshot_begin;
        const char *reason = NULL;
        JsonObject *counts = NULL;
        Path counts_at = { at, "counts", 0 };

        if (!read_string (data, at, "snapshot_id", STRING_ID, &b->snapshot_id, error) ||
            !read_int (data, at, "as_of_seq", 0, G_MAXINT64, &b->as_of_seq, error) ||
            !read_int (data, at, "parts", 1, 100000, &b->parts, error) ||
            !peek_string (data, at, "reason", STRING_TEXT, &reason, error) ||
            !read_object (data, at, "counts", &counts, error) ||
            !read_int (counts, &counts_at, "teams", 0, MAX_COUNT, &b->count_teams, error) ||
            !read_int (counts, &counts_at, "agents", 0, MAX_COUNT, &b->count_agents, error) ||
            !read_int (counts, &counts_at, "queues", 0, MAX_COUNT, &b->count_queues, error) ||
            !read_int (counts, &counts_at, "calls", 0, MAX_COUNT, &b->count_calls, error))
          return FALSE;

        /* An enumerated string: unknown values are kept as "unknown". */
        if (g_strcmp0 (reason, "initial") == 0 || g_strcmp0 (reason, "resync") == 0)
          b->reason = g_strdup (reason);
        else
          b->reason = g_strdup ("unknown");

        return TRUE;
      }

    case PLT_MESSAGE_SNAPSHOT_PART:
      {
        PltSnapshotPartData *part = &message->u.snapshot_part;

        return read_string (data, at, "snapshot_id", STRING_ID, &part->snapshot_id, error) &&
               read_int (data, at, "index", 0, 99999, &part->index, error) &&
               parse_entity_array (data, at, "teams", (ParseEntityFunc) parse_team, part->teams, error) &&
               parse_entity_array (data, at, "agents", (ParseEntityFunc) parse_agent, part->agents, error) &&
               parse_entity_array (data, at, "queues", (ParseEntityFunc) parse_queue, part->queues, error) &&
               parse_entity_array (data, at, "calls", (ParseEntityFunc) parse_call, part->calls, error);
      }

    case PLT_MESSAGE_SNAPSHOT_END:
      return read_string (data, at, "snapshot_id", STRING_ID, &message->u.snapshot_end_id, error);

    case PLT_MESSAGE_TEAM_UPDATE:
      message->u.team = parse_team (data, at, error);
      return message->u.team != NULL;

    case PLT_MESSAGE_AGENT_UPDATE:
      message->u.agent = parse_agent (data, at, error);
      return message->u.agent != NULL;

    case PLT_MESSAGE_QUEUE_UPDATE:
      message->u.queue = parse_queue (data, at, error);
      return message->u.queue != NULL;

    case PLT_MESSAGE_CALL_UPDATE:
      message->u.call = parse_call (data, at, error);
      return message->u.call != NULL;

    case PLT_MESSAGE_TEAM_REMOVE:
    case PLT_MESSAGE_AGENT_REMOVE:
    case PLT_MESSAGE_QUEUE_REMOVE:
    case PLT_MESSAGE_CALL_REMOVE:
      return read_string (data, at, "id", STRING_ID, &message->u.remove.id, error) &&
             read_int (data, at, "ver", 1, G_MAXINT64, &message->u.remove.ver, error);

    case PLT_MESSAGE_ERROR:
      {
        const char *code = NULL;

        if (!peek_string (data, at, "code", STRING_TEXT, &code, error) ||
            !read_string (data, at, "message", STRING_TEXT, &message->u.error.message, error) ||
            !read_bool (data, at, "fatal", FALSE, &message->u.error.fatal, error) ||
            !read_string (data, at, "reply_to", STRING_ID | STRING_NULLABLE, &message->u.error.reply_to, error) ||
            !read_int_or_null (data, at, "retry_after_ms", 0, 86400000, 0,
                               &message->u.error.retry_after_ms, error))
          return FALSE;

        message->u.error.code = plt_protocol_error_code_from_string (code);
        if (!node_is_null (json_object_get_member (data, "current")))
          {
            JsonObject *current = NULL;

            if (!read_object (data, at, "current", &current, error) ||
                !_plt_planning_message_decode (PLT_MESSAGE_PLANNING_STATE, current, "data.current",
                                               &message->u.error.current, error))
              return FALSE;
          }
        return TRUE;
      }

    case PLT_MESSAGE_PLANNING_GET:
    case PLT_MESSAGE_PLANNING_STATE:
    case PLT_MESSAGE_PLANNING_SAVE:
    case PLT_MESSAGE_PLANNING_SAVED:
    case PLT_MESSAGE_PLANNING_PUBLISH:
    case PLT_MESSAGE_PLANNING_COMMENT:
    case PLT_MESSAGE_PLANNING_PUBLISHED:
      return _plt_planning_message_decode (message->type, data, "data", &message->u.planning, error);

    case PLT_MESSAGE_CMD_AGENT_SKILLS:
    case PLT_MESSAGE_CMD_MESSAGE:
    case PLT_MESSAGE_MESSAGE_NEW:
    case PLT_MESSAGE_MESSAGE_ACK:
    case PLT_MESSAGE_HISTORY_QUERY:
    case PLT_MESSAGE_HISTORY_RESULT:
      return _plt_supervisor_message_decode (message->type, data, &message->u.supervisor, error);

    case PLT_MESSAGE_UNKNOWN:
    case PLT_MESSAGE_HEARTBEAT:
    default:
      return TRUE;
    }
}

/* ------------------------------------------------------------------------ */
/* PltDecoder                                                                */
/* ------------------------------------------------------------------------ */

struct _PltDecoder
{
  GObject              parent_instance;

  JsonParser          *parser;
  PltDecoderDirection  direction;
  guint64              unknown_count;
  guint64              rejected_count;
};

G_DEFINE_FINAL_TYPE (PltDecoder, plt_decoder, G_TYPE_OBJECT)

static void
plt_decoder_finalize (GObject *object)
{
  PltDecoder *self = PLT_DECODER (object);

  g_clear_object (&self->parser);

  G_OBJECT_CLASS (plt_decoder_parent_class)->finalize (object);
}

static void
plt_decoder_class_init (PltDecoderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = plt_decoder_finalize;
}

static void
plt_decoder_init (PltDecoder *self)
{
  self->parser = json_parser_new_immutable ();
}

PltDecoder *
plt_decoder_new (PltDecoderDirection direction)
{
  PltDecoder *self;

  g_return_val_if_fail (direction == PLT_DECODER_FROM_SERVER ||
                        direction == PLT_DECODER_FROM_CLIENT, NULL);

  self = g_object_new (PLT_TYPE_DECODER, NULL);
  self->direction = direction;

  return self;
}

static PltMessage *
decode_envelope (PltDecoder  *self,
                 JsonObject  *root,
                 GError     **error)
{
  g_autoptr(PltMessage) message = NULL;
  const char *type_name = NULL;
  JsonNode *data_node;
  PltMessageType type;
  gint64 version;
  gint64 ts = 0;

  /* v */
  if (!read_int (root, NULL, "v", G_MININT64, G_MAXINT64, &version, error))
    return NULL;
  if (version != PLT_PROTOCOL_VERSION)
    {
      g_set_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_UNSUPPORTED_VERSION,
                   "protocol version %" G_GINT64_FORMAT " is not supported (this build speaks version %d)",
                   version, PLT_PROTOCOL_VERSION);
      return NULL;
    }

  /* type */
  if (!peek_string (root, NULL, "type", STRING_ID, &type_name, error))
    return NULL;

  type = plt_message_type_from_string (type_name);
  message = plt_message_new (type);
  if (type == PLT_MESSAGE_UNKNOWN)
    message->type_name = g_strdup (type_name);

  /* seq and epoch: required from a router, optional from a console */
  if (self->direction == PLT_DECODER_FROM_SERVER ||
      json_object_get_member (root, "seq") != NULL)
    {
      if (!read_int (root, NULL, "seq", 0, G_MAXINT64, &message->seq, error))
        return NULL;
      message->has_seq = TRUE;
    }

  if (self->direction == PLT_DECODER_FROM_SERVER ||
      json_object_get_member (root, "epoch") != NULL)
    {
      if (!read_string (root, NULL, "epoch", STRING_ID, &message->epoch, error))
        return NULL;
    }

  if (json_object_get_member (root, "ts") != NULL)
    {
      if (!read_int (root, NULL, "ts", 0, G_MAXINT64, &ts, error))
        return NULL;
      message->ts = ts;
    }

  if (type == PLT_MESSAGE_UNKNOWN)
    {
      self->unknown_count++;
      return g_steal_pointer (&message);
    }

  if (_plt_message_type_has_payload (type))
    {
      Path data_at = { NULL, "data", 0 };

      data_node = json_object_get_member (root, "data");
      if (data_node == NULL)
        {
          field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, NULL, "data", "is missing");
          return NULL;
        }
      if (!JSON_NODE_HOLDS_OBJECT (data_node))
        {
          field_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, NULL, "data", "must be an object");
          return NULL;
        }

      if (!parse_payload (message, json_node_get_object (data_node), &data_at, error))
        return NULL;
    }

  return g_steal_pointer (&message);
}

PltMessage *
plt_decoder_decode (PltDecoder  *self,
                    const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  PltMessage *message = NULL;
  gsize limit;
  JsonNode *root;

  g_return_val_if_fail (PLT_IS_DECODER (self), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* 1. size, by direction */
  limit = self->direction == PLT_DECODER_FROM_SERVER
    ? PLT_PROTOCOL_MAX_CLIENT_FRAME
    : PLT_PROTOCOL_MAX_CLIENT_MESSAGE;

  if (length > limit)
    {
      g_set_error (&local_error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_TOO_LARGE,
                   "the message is %" G_GSIZE_FORMAT " bytes long; the limit is %" G_GSIZE_FORMAT,
                   length, limit);
      goto out;
    }

  /* 2. encoding; 3. depth, digits and leniencies; 4. (partly) the root is
   * one object */
  if (!plt_json_scan (data, length, &local_error))
    goto out;

  /* 4. JSON */
  if (!json_parser_load_from_data (self->parser, data, (gssize) length, &local_error))
    {
      /* json-glib quotes the token it stopped at, cut to a number of
       * bytes: the cut may fall inside a UTF-8 sequence, and this text is
       * shown to a supervisor and sent back in error frames. */
      g_autofree char *detail = g_utf8_make_valid (local_error->message, -1);

      g_clear_error (&local_error);
      g_set_error (&local_error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                   "the message is not valid JSON: %s", detail);
      goto out;
    }

  root = json_parser_get_root (self->parser);
  if (root == NULL)
    {
      g_set_error_literal (&local_error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message is empty");
      goto out;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (&local_error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message is not a JSON object");
      goto out;
    }

  /* 5. and 6. */
  message = decode_envelope (self, json_node_get_object (root), &local_error);

out:
  if (message == NULL)
    {
      self->rejected_count++;
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return message;
}

guint64
plt_decoder_get_unknown_count (PltDecoder *self)
{
  g_return_val_if_fail (PLT_IS_DECODER (self), 0);

  return self->unknown_count;
}

guint64
plt_decoder_get_rejected_count (PltDecoder *self)
{
  g_return_val_if_fail (PLT_IS_DECODER (self), 0);

  return self->rejected_count;
}

G_GNUC_PRINTF (4, 5)
static gboolean
string_fail (GError     **error,
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

gboolean
_plt_protocol_get_string (JsonObject  *object,
                          const char  *prefix,
                          const char  *name,
                          gboolean     nullable,
                          gsize        max,
                          char       **out,
                          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *value;
  gsize length;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (nullable)
        return TRUE;
      return string_fail (error, prefix, name, "is missing");
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return string_fail (error, prefix, name, "must be a string");
  value = json_node_get_string (node);
  length = strlen (value);
  if (length < 1 || length > max)
    return string_fail (error, prefix, name, "must be 1 to %" G_GSIZE_FORMAT " bytes long", max);
  g_free (*out);
  *out = g_strdup (value);
  return TRUE;
}
