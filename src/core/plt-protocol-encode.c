/* plt-protocol-encode.c — a PltMessage to its JSON text, one line, UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "plt-protocol.h"
#include "plt-protocol-private.h"
#include "plt-protocol-planning.h"
#include "plt-protocol-supervisor.h"

/* ------------------------------------------------------------------------ */
/* Encoder                                                                   */
/* ------------------------------------------------------------------------ */

/* Writes @str as a JSON string, or null. Text that is not valid UTF-8 is
 * repaired (U+FFFD) rather than sent broken. */
static void
append_string (GString    *out,
               const char *str)
{
  g_autofree char *valid = NULL;
  const guchar *p;

  if (str == NULL)
    {
      g_string_append_len (out, "null", 4);
      return;
    }

  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  g_string_append_c (out, '"');

  p = (const guchar *) str;
  while (*p != '\0')
    {
      const guchar *run = p;

      while (*p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      if (p > run)
        g_string_append_len (out, (const char *) run, p - run);

      if (*p == '\0')
        break;

      switch (*p)
        {
        case '"':  g_string_append_len (out, "\\\"", 2); break;
        case '\\': g_string_append_len (out, "\\\\", 2); break;
        case '\n': g_string_append_len (out, "\\n", 2); break;
        case '\r': g_string_append_len (out, "\\r", 2); break;
        case '\t': g_string_append_len (out, "\\t", 2); break;
        case '\b': g_string_append_len (out, "\\b", 2); break;
        case '\f': g_string_append_len (out, "\\f", 2); break;
        default:
          g_string_append_printf (out, "\\u%04x", *p);
          break;
        }
      p++;
    }

  g_string_append_c (out, '"');
}

static void
append_int (GString *out,
            gint64   value)
{
  char buf[24];
  char *end = buf + sizeof buf;
  char *p = end;
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);

  if (value < 0)
    *--p = '-';

  g_string_append_len (out, p, end - p);
}

/* Shortest text that reads back to the same double (%.17g at most, which
 * the pre-scan accepts: at most 17 significant digits). Non-finite values
 * have no JSON form and are written as 0. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    value = 0.0;

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (out, buf);
}

/* Appends `"name":` preceded by a comma unless @first. */
static void
append_key (GString    *out,
            const char *name,
            gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append_len (out, "\":", 2);
}

static void
append_team (GString           *out,
             const PltTeamData *team)
{
  append_key (out, "id", TRUE);
  append_string (out, team->id);
  append_key (out, "ver", FALSE);
  append_int (out, team->ver);
  append_key (out, "name", FALSE);
  append_string (out, team->name);
}

static void
append_agent (GString            *out,
              const PltAgentData *agent)
{
  append_key (out, "id", TRUE);
  append_string (out, agent->id);
  append_key (out, "ver", FALSE);
  append_int (out, agent->ver);
  append_key (out, "name", FALSE);
  append_string (out, agent->name);
  append_key (out, "team", FALSE);
  append_string (out, agent->team);
  append_key (out, "status", FALSE);
  append_string (out, plt_agent_status_to_string (agent->status));
  append_key (out, "reason", FALSE);
  append_string (out, agent->reason);
  append_key (out, "activity", FALSE);
  append_string (out, plt_agent_activity_to_string (agent->activity));
  append_key (out, "since", FALSE);
  append_int (out, agent->since);
  append_key (out, "queue", FALSE);
  append_string (out, agent->queue);
  append_key (out, "call", FALSE);
  append_string (out, agent->call);
  append_key (out, "queues", FALSE);
  g_string_append_c (out, '[');
  for (guint i = 0; agent->queues != NULL && agent->queues[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_string (out, agent->queues[i]);
    }
  g_string_append_c (out, ']');

  if (agent->skills != NULL)
    {
      append_key (out, "skills", FALSE);
      g_string_append_c (out, '[');
      for (guint i = 0; i < agent->n_skills; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append_c (out, '{');
          append_key (out, "queue", TRUE);
          append_string (out, agent->skills[i].queue);
          append_key (out, "level", FALSE);
          append_int (out, agent->skills[i].level);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }
}

static void
append_queue (GString            *out,
              const PltQueueData *queue)
{
  append_key (out, "id", TRUE);
  append_string (out, queue->id);
  append_key (out, "ver", FALSE);
  append_int (out, queue->ver);
  append_key (out, "name", FALSE);
  append_string (out, queue->name);
  append_key (out, "media", FALSE);
  append_string (out, plt_queue_media_to_string (queue->media));
  if (queue->priority > 0)
    {
      append_key (out, "priority", FALSE);
      append_int (out, queue->priority);
    }
  append_key (out, "sl_threshold_s", FALSE);
  append_int (out, queue->sl_threshold_s);
  append_key (out, "sl_target", FALSE);
  append_double (out, queue->sl_target);
  append_key (out, "waiting", FALSE);
  append_int (out, queue->waiting);
  append_key (out, "oldest_since", FALSE);
  if (queue->oldest_since != 0)
    append_int (out, queue->oldest_since);
  else
    g_string_append_len (out, "null", 4);

  append_key (out, "agents", FALSE);
  g_string_append_c (out, '{');
  append_key (out, "available", TRUE);
  append_int (out, queue->agents.available);
  append_key (out, "busy", FALSE);
  append_int (out, queue->agents.busy);
  append_key (out, "wrap_up", FALSE);
  append_int (out, queue->agents.wrap_up);
  append_key (out, "paused", FALSE);
  append_int (out, queue->agents.paused);
  append_key (out, "logged_out", FALSE);
  append_int (out, queue->agents.logged_out);
  g_string_append_c (out, '}');

  append_key (out, "today", FALSE);
  g_string_append_c (out, '{');
  append_key (out, "offered", TRUE);
  append_int (out, queue->today.offered);
  append_key (out, "answered", FALSE);
  append_int (out, queue->today.answered);
  append_key (out, "abandoned", FALSE);
  append_int (out, queue->today.abandoned);
  append_key (out, "answered_in_sl", FALSE);
  append_int (out, queue->today.answered_in_sl);
  append_key (out, "wait_total_s", FALSE);
  append_int (out, queue->today.wait_total_s);
  /* Optional: sent when not 0, so that the usual message stays as it was. */
  if (queue->today.overflowed > 0)
    {
      append_key (out, "overflowed", FALSE);
      append_int (out, queue->today.overflowed);
    }
  if (queue->today.callbacks > 0)
    {
      append_key (out, "callbacks", FALSE);
      append_int (out, queue->today.callbacks);
    }
  if (queue->today.transferred > 0)
    {
      append_key (out, "transferred", FALSE);
      append_int (out, queue->today.transferred);
    }
  g_string_append_c (out, '}');
}

static void
append_call (GString           *out,
             const PltCallData *call)
{
  append_key (out, "id", TRUE);
  append_string (out, call->id);
  append_key (out, "ver", FALSE);
  append_int (out, call->ver);
  append_key (out, "queue", FALSE);
  append_string (out, call->queue);
  append_key (out, "state", FALSE);
  append_string (out, plt_call_state_to_string (call->state));
  append_key (out, "agent", FALSE);
  append_string (out, call->agent);
  append_key (out, "number", FALSE);
  append_string (out, call->number);
  append_key (out, "since", FALSE);
  append_int (out, call->since);
  append_key (out, "enqueued", FALSE);
  append_int (out, call->enqueued);
  if (call->media != PLT_QUEUE_MEDIA_UNKNOWN)
    {
      append_key (out, "media", FALSE);
      append_string (out, plt_queue_media_to_string (call->media));
    }
  if (call->priority > 0)
    {
      append_key (out, "priority", FALSE);
      append_int (out, call->priority);
    }
  if (call->origin != PLT_CONTACT_ORIGIN_NEW)
    {
      append_key (out, "origin", FALSE);
      append_string (out, plt_contact_origin_to_string (call->origin));
    }
  if (call->parent != NULL)
    {
      append_key (out, "parent", FALSE);
      append_string (out, call->parent);
    }
}

typedef void (*AppendEntityFunc) (GString       *out,
                                  gconstpointer  entity);

static void
append_entity_array (GString          *out,
                     const char       *name,
                     GPtrArray        *array,
                     AppendEntityFunc  append)
{
  append_key (out, name, FALSE);
  g_string_append_c (out, '[');
  for (guint i = 0; array != NULL && i < array->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      append (out, g_ptr_array_index (array, i));
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}


static void
append_kpi_values (GString            *out,
                   const PltKpiValues *v)
{
  const struct { const char *name; gint64 value; } counts[] = {
    { "offered", v->offered }, { "answered", v->answered },
    { "answered_in_sl", v->answered_in_t }, { "abandoned", v->abandoned },
    { "abandoned_short", v->abandoned_short }, { "overflowed", v->overflowed },
    { "callbacks", v->callbacks }, { "transferred", v->transferred },
    { "rona", v->rona }, { "handled", v->handled },
  };
  const struct { const char *name; double value; } figures[] = {
    { "service_level", v->service_level }, { "abandon_rate", v->abandon_rate },
    { "asa_s", v->asa_s }, { "longest_wait_s", v->longest_wait_s },
    { "aht_s", v->aht_s }, { "talk_s", v->talk_s }, { "hold_s", v->hold_s },
    { "wrap_s", v->wrap_s }, { "occupancy", v->occupancy },
    { "utilisation", v->utilisation }, { "logged_in_s", v->logged_in_s },
    { "available_s", v->available_s }, { "contact_s", v->contact_s },
    { "paused_s", v->paused_s }, { "adherence", v->adherence },
    { "conformance", v->conformance }, { "ewt_s", v->ewt_s },
  };

  g_string_append_c (out, '{');
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      append_key (out, counts[i].name, i == 0);
      append_int (out, counts[i].value);
    }
  /* An undefined figure (NaN) is left out: absent reads as null. */
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    if (isfinite (figures[i].value))
      {
        append_key (out, figures[i].name, FALSE);
        append_double (out, figures[i].value);
      }
  g_string_append_c (out, '}');
}

static gboolean
append_payload (GString          *out,
                const PltMessage *message)
{
  switch (message->type)
    {
    case PLT_MESSAGE_HELLO:
      append_key (out, "client", TRUE);
      append_string (out, message->u.hello_client != NULL ? message->u.hello_client : "");
      if (message->resume != NULL)
        {
          append_key (out, "resume", FALSE);
          g_string_append_c (out, '{');
          append_key (out, "session", TRUE);
          append_string (out, message->resume->session);
          append_key (out, "epoch", FALSE);
          append_string (out, message->resume->epoch);
          append_key (out, "seq", FALSE);
          append_int (out, message->resume->seq);
          g_string_append_c (out, '}');
        }
      return TRUE;

    case PLT_MESSAGE_RESULT:
      append_key (out, "reply_to", TRUE);
      append_string (out, message->u.result.reply_to);
      append_key (out, "ok", FALSE);
      g_string_append (out, message->u.result.ok ? "true" : "false");
      return TRUE;

    case PLT_MESSAGE_KPI_UPDATE:
      {
        const PltKpiUpdateData *update = &message->u.kpi_update;

        append_key (out, "scope", TRUE);
        append_string (out, update->scope);
        append_key (out, "id", FALSE);
        append_string (out, update->id);
        append_key (out, "period", FALSE);
        append_string (out, update->period);
        append_key (out, "from", FALSE);
        append_int (out, update->from);
        append_key (out, "to", FALSE);
        append_int (out, update->to);
        if (update->sl_variant != NULL)
          {
            append_key (out, "sl_variant", FALSE);
            append_string (out, update->sl_variant);
          }
        if (update->sl_threshold_s != 0)
          {
            append_key (out, "sl_threshold_s", FALSE);
            append_int (out, update->sl_threshold_s);
          }
        append_key (out, "values", FALSE);
        append_kpi_values (out, &update->values);
        return TRUE;
      }

    case PLT_MESSAGE_KPI_QUERY:
      {
        const PltKpiQueryData *query = &message->u.kpi_query;

        append_key (out, "id", TRUE);
        append_string (out, query->id);
        append_key (out, "scope", FALSE);
        append_string (out, query->scope);
        append_key (out, "ids", FALSE);
        g_string_append_c (out, '[');
        for (guint i = 0; query->ids != NULL && query->ids[i] != NULL; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_string (out, query->ids[i]);
          }
        g_string_append_c (out, ']');
        if (query->period != NULL)
          {
            append_key (out, "period", FALSE);
            append_string (out, query->period);
          }
        if (query->from != 0 || query->to != 0)
          {
            append_key (out, "from", FALSE);
            append_int (out, query->from);
            append_key (out, "to", FALSE);
            append_int (out, query->to);
          }
        append_key (out, "interval_s", FALSE);
        append_int (out, query->interval_s);
        return TRUE;
      }

    case PLT_MESSAGE_KPI_SUBSCRIBE:
      append_key (out, "id", TRUE);
      append_string (out, message->u.kpi_subscribe.id);
      append_key (out, "scopes", FALSE);
      g_string_append_c (out, '[');
      for (guint i = 0; message->u.kpi_subscribe.scopes != NULL && message->u.kpi_subscribe.scopes[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_string (out, message->u.kpi_subscribe.scopes[i]);
        }
      g_string_append_c (out, ']');
      return TRUE;

    case PLT_MESSAGE_KPI_RESULT:
      {
        const PltKpiResultData *result = &message->u.kpi_result;

        append_key (out, "reply_to", TRUE);
        append_string (out, result->reply_to);
        append_key (out, "scope", FALSE);
        append_string (out, result->scope);
        append_key (out, "rows", FALSE);
        g_string_append_c (out, '[');
        for (guint i = 0; result->rows != NULL && i < result->rows->len; i++)
          {
            const PltKpiRow *row = g_ptr_array_index (result->rows, i);

            if (i > 0)
              g_string_append_c (out, ',');
            g_string_append_c (out, '{');
            append_key (out, "id", TRUE);
            append_string (out, row->id);
            append_key (out, "from", FALSE);
            append_int (out, row->from);
            append_key (out, "to", FALSE);
            append_int (out, row->to);
            append_key (out, "values", FALSE);
            append_kpi_values (out, &row->values);
            g_string_append_c (out, '}');
          }
        g_string_append_c (out, ']');
        return TRUE;
      }

    case PLT_MESSAGE_CMD_AGENT_STATUS:
      {
        const PltAgentStatusCommandData *cmd = &message->u.cmd_agent_status;

        append_key (out, "id", TRUE);
        append_string (out, cmd->id);
        append_key (out, "agent", FALSE);
        append_string (out, cmd->agent);
        append_key (out, "status", FALSE);
        append_string (out, plt_agent_status_to_string (cmd->status));
        append_key (out, "reason", FALSE);
        append_string (out, cmd->reason);
        return TRUE;
      }

    case PLT_MESSAGE_WELCOME:
      {
        const PltWelcomeData *w = &message->u.welcome;

        append_key (out, "session", TRUE);
        append_string (out, w->session != NULL ? w->session : "");
        append_key (out, "server", FALSE);
        append_string (out, w->server != NULL ? w->server : "");
        append_key (out, "heartbeat_ms", FALSE);
        append_int (out, w->heartbeat_ms);
        append_key (out, "clock", FALSE);
        g_string_append_c (out, '{');
        append_key (out, "now", TRUE);
        append_int (out, w->clock_now);
        append_key (out, "rate", FALSE);
        append_double (out, w->clock_rate);
        g_string_append_c (out, '}');
        append_key (out, "limits", FALSE);
        g_string_append_c (out, '{');
        append_key (out, "max_message", TRUE);
        append_int (out, w->limits.max_message);
        append_key (out, "max_client_message", FALSE);
        append_int (out, w->limits.max_client_message);
        append_key (out, "max_depth", FALSE);
        append_int (out, w->limits.max_depth);
        append_key (out, "max_string", FALSE);
        append_int (out, w->limits.max_string);
        g_string_append_c (out, '}');
        append_key (out, "replay", FALSE);
        g_string_append (out, w->replay ? "true" : "false");
        if (w->role != NULL)
          {
            append_key (out, "role", FALSE);
            append_string (out, w->role);
          }
        return TRUE;
      }

    case PLT_MESSAGE_ACK:
      append_key (out, "seq", TRUE);
      append_int (out, message->u.ack_seq);
      return TRUE;

    case PLT_MESSAGE_RESYNC:
      append_key (out, "from_seq", TRUE);
      append_int (out, message->u.resync_from_seq);
      return TRUE;

    case PLT_MESSAGE_SNAPSHOT_BEGIN:
      {
        const PltSnapshotBeginData *b = &message->u.snapshot_begin;

        append_key (out, "snapshot_id", TRUE);
        append_string (out, b->snapshot_id);
        append_key (out, "as_of_seq", FALSE);
        append_int (out, b->as_of_seq);
        append_key (out, "parts", FALSE);
        append_int (out, b->parts);
        append_key (out, "reason", FALSE);
        append_string (out, b->reason != NULL ? b->reason : "initial");
        append_key (out, "counts", FALSE);
        g_string_append_c (out, '{');
        append_key (out, "teams", TRUE);
        append_int (out, b->count_teams);
        append_key (out, "agents", FALSE);
        append_int (out, b->count_agents);
        append_key (out, "queues", FALSE);
        append_int (out, b->count_queues);
        append_key (out, "calls", FALSE);
        append_int (out, b->count_calls);
        g_string_append_c (out, '}');
        return TRUE;
      }

    case PLT_MESSAGE_SNAPSHOT_PART:
      {
        const PltSnapshotPartData *part = &message->u.snapshot_part;

        append_key (out, "snapshot_id", TRUE);
        append_string (out, part->snapshot_id);
        append_key (out, "index", FALSE);
        append_int (out, part->index);
        append_entity_array (out, "teams", part->teams, (AppendEntityFunc) append_team);
        append_entity_array (out, "agents", part->agents, (AppendEntityFunc) append_agent);
        append_entity_array (out, "queues", part->queues, (AppendEntityFunc) append_queue);
        append_entity_array (out, "calls", part->calls, (AppendEntityFunc) append_call);
        return TRUE;
      }

    case PLT_MESSAGE_SNAPSHOT_END:
      append_key (out, "snapshot_id", TRUE);
      append_string (out, message->u.snapshot_end_id);
      return TRUE;

    case PLT_MESSAGE_TEAM_UPDATE:
      g_return_val_if_fail (message->u.team != NULL, FALSE);
      append_team (out, message->u.team);
      return TRUE;

    case PLT_MESSAGE_AGENT_UPDATE:
      g_return_val_if_fail (message->u.agent != NULL, FALSE);
      append_agent (out, message->u.agent);
      return TRUE;

    case PLT_MESSAGE_QUEUE_UPDATE:
      g_return_val_if_fail (message->u.queue != NULL, FALSE);
      append_queue (out, message->u.queue);
      return TRUE;

    case PLT_MESSAGE_CALL_UPDATE:
      g_return_val_if_fail (message->u.call != NULL, FALSE);
      append_call (out, message->u.call);
      return TRUE;

    case PLT_MESSAGE_TEAM_REMOVE:
    case PLT_MESSAGE_AGENT_REMOVE:
    case PLT_MESSAGE_QUEUE_REMOVE:
    case PLT_MESSAGE_CALL_REMOVE:
      append_key (out, "id", TRUE);
      append_string (out, message->u.remove.id);
      append_key (out, "ver", FALSE);
      append_int (out, message->u.remove.ver);
      return TRUE;

    case PLT_MESSAGE_ERROR:
      append_key (out, "code", TRUE);
      append_string (out, plt_protocol_error_code_to_string (message->u.error.code));
      append_key (out, "message", FALSE);
      append_string (out, message->u.error.message != NULL ? message->u.error.message : "");
      append_key (out, "fatal", FALSE);
      g_string_append (out, message->u.error.fatal ? "true" : "false");
      if (message->u.error.reply_to != NULL)
        {
          append_key (out, "reply_to", FALSE);
          append_string (out, message->u.error.reply_to);
        }
      if (message->u.error.retry_after_ms > 0)
        {
          append_key (out, "retry_after_ms", FALSE);
          append_int (out, message->u.error.retry_after_ms);
        }
      if (message->u.error.current != NULL)
        {
          append_key (out, "current", FALSE);
          g_string_append_c (out, '{');
          _plt_planning_message_encode (out, PLT_MESSAGE_PLANNING_STATE, message->u.error.current, TRUE);
          g_string_append_c (out, '}');
        }
      return TRUE;

    case PLT_MESSAGE_PLANNING_GET:
    case PLT_MESSAGE_PLANNING_STATE:
    case PLT_MESSAGE_PLANNING_SAVE:
    case PLT_MESSAGE_PLANNING_SAVED:
    case PLT_MESSAGE_PLANNING_PUBLISH:
    case PLT_MESSAGE_PLANNING_COMMENT:
    case PLT_MESSAGE_PLANNING_PUBLISHED:
      if (message->u.planning == NULL)
        return FALSE;
      _plt_planning_message_encode (out, message->type, message->u.planning, TRUE);
      return TRUE;

    case PLT_MESSAGE_CMD_AGENT_SKILLS:
    case PLT_MESSAGE_CMD_MESSAGE:
    case PLT_MESSAGE_MESSAGE_NEW:
    case PLT_MESSAGE_MESSAGE_ACK:
    case PLT_MESSAGE_HISTORY_QUERY:
    case PLT_MESSAGE_HISTORY_RESULT:
      if (message->u.supervisor == NULL)
        return FALSE;
      _plt_supervisor_message_encode (out, message->type, message->u.supervisor);
      return TRUE;

    case PLT_MESSAGE_UNKNOWN:
    case PLT_MESSAGE_HEARTBEAT:
    default:
      return TRUE;
    }
}

char *
plt_message_encode (const PltMessage *message)
{
  g_autoptr(GString) out = NULL;
  const char *type_name;

  g_return_val_if_fail (message != NULL, NULL);

  if (message->type == PLT_MESSAGE_UNKNOWN)
    type_name = message->type_name;
  else
    type_name = plt_message_type_to_string (message->type);

  g_return_val_if_fail (type_name != NULL, NULL);

  out = g_string_sized_new (message->type == PLT_MESSAGE_SNAPSHOT_PART ? 65536 : 256);

  g_string_append (out, "{\"v\":1,\"type\":");
  append_string (out, type_name);

  if (message->has_seq)
    {
      append_key (out, "seq", FALSE);
      append_int (out, message->seq);
    }
  if (message->epoch != NULL)
    {
      append_key (out, "epoch", FALSE);
      append_string (out, message->epoch);
    }
  if (message->ts != 0)
    {
      append_key (out, "ts", FALSE);
      append_int (out, message->ts);
    }

  if (_plt_message_type_has_payload (message->type))
    {
      append_key (out, "data", FALSE);
      g_string_append_c (out, '{');
      if (!append_payload (out, message))
        return NULL;
      g_string_append_c (out, '}');
    }

  g_string_append_c (out, '}');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
plt_protocol_encode_hello (const char *client)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_HELLO);

  g_return_val_if_fail (client != NULL, NULL);

  message->u.hello_client = g_strdup (client);

  return plt_message_encode (message);
}

char *
plt_protocol_encode_ack (gint64 seq)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_ACK);

  g_return_val_if_fail (seq >= 0, NULL);

  message->u.ack_seq = seq;

  return plt_message_encode (message);
}

char *
plt_protocol_encode_resync (gint64 from_seq)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_RESYNC);

  g_return_val_if_fail (from_seq >= 0, NULL);

  message->u.resync_from_seq = from_seq;

  return plt_message_encode (message);
}

char *
plt_protocol_encode_error (gint64            seq,
                           const char       *epoch,
                           PltProtocolError  code,
                           const char       *text,
                           gboolean          fatal)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_ERROR);

  g_return_val_if_fail (seq >= 0, NULL);
  g_return_val_if_fail (epoch != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  message->has_seq = TRUE;
  message->seq = seq;
  message->epoch = g_strdup (epoch);
  message->u.error.code = code;
  message->u.error.message = g_strdup (text);
  message->u.error.fatal = fatal;

  return plt_message_encode (message);
}

char *
plt_protocol_encode_error_full (gint64            seq,
                                const char       *epoch,
                                PltProtocolError  code,
                                const char       *text,
                                gboolean          fatal,
                                const char       *reply_to,
                                gint64            retry_after_ms)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_ERROR);

  g_return_val_if_fail (seq >= 0, NULL);
  g_return_val_if_fail (epoch != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (retry_after_ms >= 0, NULL);

  message->has_seq = TRUE;
  message->seq = seq;
  message->epoch = g_strdup (epoch);
  message->u.error.code = code;
  message->u.error.message = g_strdup (text);
  message->u.error.fatal = fatal;
  message->u.error.reply_to = g_strdup (reply_to);
  message->u.error.retry_after_ms = retry_after_ms;

  return plt_message_encode (message);
}

char *
plt_protocol_encode_hello_resume (const char *client,
                                  const char *session,
                                  const char *epoch,
                                  gint64      seq)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_HELLO);

  g_return_val_if_fail (client != NULL, NULL);
  g_return_val_if_fail (session != NULL && epoch != NULL, NULL);
  g_return_val_if_fail (seq >= 0, NULL);

  message->u.hello_client = g_strdup (client);
  message->resume = g_new0 (PltResumeData, 1);
  message->resume->session = g_strdup (session);
  message->resume->epoch = g_strdup (epoch);
  message->resume->seq = seq;

  return plt_message_encode (message);
}

char *
plt_protocol_encode_result (gint64      seq,
                            const char *epoch,
                            const char *reply_to,
                            gboolean    ok)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_RESULT);

  g_return_val_if_fail (seq >= 0, NULL);
  g_return_val_if_fail (epoch != NULL, NULL);
  g_return_val_if_fail (reply_to != NULL, NULL);

  message->has_seq = TRUE;
  message->seq = seq;
  message->epoch = g_strdup (epoch);
  message->u.result.reply_to = g_strdup (reply_to);
  message->u.result.ok = ok;

  return plt_message_encode (message);
}

char *
plt_protocol_encode_kpi_subscribe (const char         *id,
                                   const char * const *scopes)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_KPI_SUBSCRIBE);

  g_return_val_if_fail (id != NULL, NULL);

  message->u.kpi_subscribe.id = g_strdup (id);
  if (scopes != NULL)
    {
      g_strfreev (message->u.kpi_subscribe.scopes);
      message->u.kpi_subscribe.scopes = g_strdupv ((char **) scopes);
    }

  return plt_message_encode (message);
}

char *
plt_protocol_encode_cmd_agent_status (const char     *id,
                                      const char     *agent,
                                      PltAgentStatus  status,
                                      const char     *reason)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_CMD_AGENT_STATUS);

  g_return_val_if_fail (id != NULL && agent != NULL, NULL);

  message->u.cmd_agent_status.id = g_strdup (id);
  message->u.cmd_agent_status.agent = g_strdup (agent);
  message->u.cmd_agent_status.status = status;
  message->u.cmd_agent_status.reason = g_strdup (reason);

  return plt_message_encode (message);
}
