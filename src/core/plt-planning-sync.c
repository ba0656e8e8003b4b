/* plt-planning-sync.c — keeps a planning document in step with the router
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "plt-planning-sync.h"
#include "plt-protocol-planning.h"

/* Room for the envelope and the message's own fields. */
#define MESSAGE_MARGIN 1024

typedef enum
{
  REQUEST_GET,
  REQUEST_SAVE,
  REQUEST_PUBLISH,
  REQUEST_COMMENT,
} RequestKind;

typedef struct
{
  RequestKind  kind;
  PltWeek      week;
  char        *id;
  GPtrArray   *days;      /* SAVE: the days sent */
  gint64       revision;  /* SAVE, PUBLISH: the base revision sent */
  char        *text;
  char        *agent;
  char        *date;
} Request;

struct _PltPlanningSync
{
  GObject              parent_instance;

  PltPlanningDocument *document;
  PltPlanningSendFunc  send;
  gpointer             send_data;
  GDestroyNotify       send_destroy;
  gulong               changed_handler;

  gboolean             online;
  gboolean             autosave;
  gsize                max_message;
  guint64              next_id;
  Request             *in_flight;
  GQueue               waiting;     /* Request* */
};

enum
{
  PROP_0,
  PROP_ONLINE,
  PROP_AUTOSAVE,
  PROP_BUSY,
  N_PROPS
};

enum
{
  SIGNAL_LOADED,
  SIGNAL_SAVED,
  SIGNAL_CONFLICT,
  SIGNAL_PUBLISHED,
  SIGNAL_NOTIFIED,
  SIGNAL_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PltPlanningSync, plt_planning_sync, G_TYPE_OBJECT)

static void pump (PltPlanningSync *self);

static void
request_free (Request *request)
{
  if (request == NULL)
    return;
  g_free (request->id);
  g_clear_pointer (&request->days, g_ptr_array_unref);
  g_free (request->text);
  g_free (request->agent);
  g_free (request->date);
  g_free (request);
}

static Request *
request_new (RequestKind    kind,
             const PltWeek *week)
{
  Request *request = g_new0 (Request, 1);

  request->kind = kind;
  request->week = *week;
  return request;
}

static void
plt_planning_sync_dispose (GObject *object)
{
  PltPlanningSync *self = PLT_PLANNING_SYNC (object);

  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_handler, self->document);
  g_clear_object (&self->document);
  if (self->send_destroy != NULL)
    g_clear_pointer (&self->send_data, self->send_destroy);

  G_OBJECT_CLASS (plt_planning_sync_parent_class)->dispose (object);
}

static void
plt_planning_sync_finalize (GObject *object)
{
  PltPlanningSync *self = PLT_PLANNING_SYNC (object);

  g_clear_pointer (&self->in_flight, request_free);
  g_queue_clear_full (&self->waiting, (GDestroyNotify) request_free);

  G_OBJECT_CLASS (plt_planning_sync_parent_class)->finalize (object);
}

static void
plt_planning_sync_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PltPlanningSync *self = PLT_PLANNING_SYNC (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    case PROP_AUTOSAVE:
      g_value_set_boolean (value, self->autosave);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->in_flight != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_planning_sync_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PltPlanningSync *self = PLT_PLANNING_SYNC (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      plt_planning_sync_set_online (self, g_value_get_boolean (value));
      break;
    case PROP_AUTOSAVE:
      plt_planning_sync_set_autosave (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plt_planning_sync_class_init (PltPlanningSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_planning_sync_dispose;
  object_class->finalize = plt_planning_sync_finalize;
  object_class->get_property = plt_planning_sync_get_property;
  object_class->set_property = plt_planning_sync_set_property;

  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOSAVE] =
    g_param_spec_boolean ("autosave", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
  signals[SIGNAL_CONFLICT] =
    g_signal_new ("conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
  signals[SIGNAL_PUBLISHED] =
    g_signal_new ("published", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
  signals[SIGNAL_NOTIFIED] =
    g_signal_new ("notified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
plt_planning_sync_init (PltPlanningSync *self)
{
  g_queue_init (&self->waiting);
  self->max_message = PLT_PROTOCOL_MAX_CLIENT_MESSAGE - MESSAGE_MARGIN;
}

/* Autosave: each edit queues a save of the weeks it touched. */
static void
on_changed (PltPlanningDocument *document,
            GStrv                keys,
            gpointer             user_data)
{
  PltPlanningSync *self = user_data;
  g_autoptr(GArray) weeks = NULL;

  if (!self->autosave)
    return;
  weeks = plt_planning_document_list_dirty_weeks (document);
  for (guint i = 0; i < weeks->len; i++)
    plt_planning_sync_save (self, &g_array_index (weeks, PltWeek, i), NULL);
}

PltPlanningSync *
plt_planning_sync_new (PltPlanningDocument *document,
                       PltPlanningSendFunc  send,
                       gpointer             user_data,
                       GDestroyNotify       destroy)
{
  PltPlanningSync *self;

  g_return_val_if_fail (PLT_IS_PLANNING_DOCUMENT (document), NULL);
  g_return_val_if_fail (send != NULL, NULL);

  self = g_object_new (PLT_TYPE_PLANNING_SYNC, NULL);
  self->document = g_object_ref (document);
  self->send = send;
  self->send_data = user_data;
  self->send_destroy = destroy;
  self->changed_handler = g_signal_connect (document, "changed", G_CALLBACK (on_changed), self);
  return self;
}

PltPlanningDocument *
plt_planning_sync_get_document (PltPlanningSync *self)
{
  return self->document;
}

void
plt_planning_sync_set_online (PltPlanningSync *self,
                              gboolean         online)
{
  online = !!online;
  if (self->online == online)
    return;
  self->online = online;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);

  if (online)
    {
      g_autoptr(GArray) weeks = plt_planning_document_list_dirty_weeks (self->document);

      /* A request sent before the link dropped lost its answer: again. A
       * save that did reach the router comes back as CONFLICT with our
       * own days in it, which merge as "the same". */
      if (self->in_flight != NULL)
        {
          Request *request = g_steal_pointer (&self->in_flight);

          g_clear_pointer (&request->days, g_ptr_array_unref);
          g_queue_push_head (&self->waiting, request);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
        }
      for (guint i = 0; i < weeks->len; i++)
        plt_planning_sync_save (self, &g_array_index (weeks, PltWeek, i), NULL);
      pump (self);
    }
}

gboolean
plt_planning_sync_get_online (PltPlanningSync *self)
{
  return self->online;
}

void
plt_planning_sync_set_autosave (PltPlanningSync *self,
                                gboolean         autosave)
{
  autosave = !!autosave;
  if (self->autosave == autosave)
    return;
  self->autosave = autosave;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE]);
}

gboolean
plt_planning_sync_get_busy (PltPlanningSync *self)
{
  return self->in_flight != NULL;
}

void
plt_planning_sync_set_max_message (PltPlanningSync *self,
                                   gsize            bytes)
{
  self->max_message = MAX (bytes, 512);
}

/* ---------------------------------------------------------------------------
 * Sending
 */

static gboolean
queued (PltPlanningSync *self,
        RequestKind      kind,
        const PltWeek   *week)
{
  for (GList *l = self->waiting.head; l != NULL; l = l->next)
    {
      Request *request = l->data;

      if (request->kind == kind && plt_week_equal (&request->week, week))
        return TRUE;
    }
  return FALSE;
}

static gsize
day_size (const PltAgentDay *day)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  plt_agent_day_to_json (day, builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  return strlen (text) + 1;
}

static void
send_message (PltPlanningSync    *self,
              PltMessageType      type,
              PltPlanningMessage *payload)
{
  g_autoptr(PltMessage) message = plt_message_new (type);
  g_autofree char *text = NULL;

  message->u.planning = payload;
  text = plt_message_encode (message);
  self->send (text, self->send_data);
}

/* Sends the next waiting request, if the link is up and none is in flight. */
static void
pump (PltPlanningSync *self)
{
  while (self->online && self->in_flight == NULL && !g_queue_is_empty (&self->waiting))
    {
      Request *request = g_queue_pop_head (&self->waiting);
      PltPlanningMessage *payload;
      g_autofree char *team = g_strdup (plt_planning_document_get_team (self->document));

      request->id = g_strdup_printf ("plan-%" G_GUINT64_FORMAT, ++self->next_id);

      if (request->kind == REQUEST_SAVE)
        {
          g_autoptr(GPtrArray) pending = plt_planning_document_list_pending (self->document, &request->week);
          gsize size = 0;

          if (pending->len == 0 || plt_planning_document_has_conflicts (self->document, &request->week))
            {
              request_free (request);
              continue;
            }

          /* As many days as fit below the client limit; the rest follow. */
          request->days = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);
          for (guint i = 0; i < pending->len; i++)
            {
              PltAgentDay *day = g_ptr_array_index (pending, i);
              gsize n = day_size (day);

              if (request->days->len > 0 && size + n > self->max_message)
                break;
              size += n;
              g_ptr_array_add (request->days, plt_agent_day_ref (day));
            }
          request->revision = plt_planning_document_get_revision (self->document, &request->week);
        }

      payload = plt_planning_message_new ();
      payload->id = g_strdup (request->id);
      payload->team = g_steal_pointer (&team);
      payload->week = request->week;

      switch (request->kind)
        {
        case REQUEST_GET:
          send_message (self, PLT_MESSAGE_PLANNING_GET, payload);
          break;
        case REQUEST_SAVE:
          payload->revision = request->revision;
          for (guint i = 0; i < request->days->len; i++)
            g_ptr_array_add (payload->days, plt_agent_day_ref (g_ptr_array_index (request->days, i)));
          send_message (self, PLT_MESSAGE_PLANNING_SAVE, payload);
          break;
        case REQUEST_PUBLISH:
          payload->revision = request->revision;
          send_message (self, PLT_MESSAGE_PLANNING_PUBLISH, payload);
          break;
        case REQUEST_COMMENT:
        default:
          payload->text = g_strdup (request->text);
          payload->agent = g_strdup (request->agent);
          payload->date = g_strdup (request->date);
          send_message (self, PLT_MESSAGE_PLANNING_COMMENT, payload);
          break;
        }

      self->in_flight = request;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

void
plt_planning_sync_load (PltPlanningSync *self,
                        const PltWeek   *week)
{
  if (!queued (self, REQUEST_GET, week))
    g_queue_push_tail (&self->waiting, request_new (REQUEST_GET, week));
  pump (self);
}

gboolean
plt_planning_sync_save (PltPlanningSync  *self,
                        const PltWeek    *week,
                        GError          **error)
{
  if (plt_planning_document_has_conflicts (self->document, week))
    {
      g_set_error_literal (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                           _("Someone else changed the same days: choose which version to keep first"));
      return FALSE;
    }
  if (!queued (self, REQUEST_SAVE, week))
    g_queue_push_tail (&self->waiting, request_new (REQUEST_SAVE, week));
  pump (self);
  return TRUE;
}

gboolean
plt_planning_sync_publish (PltPlanningSync  *self,
                           const PltWeek    *week,
                           GError          **error)
{
  g_autoptr(GPtrArray) pending = plt_planning_document_list_pending (self->document, week);
  Request *request;

  if (pending->len > 0 || plt_planning_document_has_conflicts (self->document, week) ||
      queued (self, REQUEST_SAVE, week) ||
      (self->in_flight != NULL && self->in_flight->kind == REQUEST_SAVE))
    {
      g_set_error_literal (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                           _("Save the changes of this week before publishing it"));
      return FALSE;
    }

  request = request_new (REQUEST_PUBLISH, week);
  request->revision = plt_planning_document_get_revision (self->document, week);
  g_queue_push_tail (&self->waiting, request);
  pump (self);
  return TRUE;
}

void
plt_planning_sync_comment (PltPlanningSync *self,
                           const PltWeek   *week,
                           const char      *text,
                           const char      *agent,
                           const GDate     *date)
{
  Request *request = request_new (REQUEST_COMMENT, week);

  request->text = g_strdup (text);
  request->agent = g_strdup (agent);
  if (date != NULL)
    {
      char buffer[11];

      plt_date_to_string (date, buffer);
      request->date = g_strdup (buffer);
    }
  g_queue_push_tail (&self->waiting, request);
  pump (self);
}

/* ---------------------------------------------------------------------------
 * Receiving
 */

static Request *
take_in_flight (PltPlanningSync *self,
                const char      *reply_to)
{
  Request *request;

  if (self->in_flight == NULL || g_strcmp0 (self->in_flight->id, reply_to) != 0)
    return NULL;
  request = g_steal_pointer (&self->in_flight);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  return request;
}

static PltSchedule *
schedule_of (GPtrArray *days)
{
  PltSchedule *schedule = plt_planning_message_dup_schedule (days, NULL);

  return schedule != NULL ? schedule : plt_schedule_new ();
}

/* A state from the router: the draft merged in (or loaded when nothing is
 * pending here), the published version, the agents. */
static guint
apply_state (PltPlanningSync          *self,
             const PltPlanningMessage *state)
{
  g_autoptr(PltSchedule) theirs = schedule_of (state->has_draft ? state->days : state->published_days);
  g_autoptr(PltSchedule) published = state->published_version > 0 ? schedule_of (state->published_days) : NULL;
  g_autoptr(GPtrArray) pending = plt_planning_document_list_pending (self->document, &state->week);
  guint n_conflicts = 0;

  if (state->agents->len > 0)
    plt_planning_document_set_agents (self->document, state->agents);

  if (pending->len == 0 && !plt_planning_document_has_conflicts (self->document, &state->week))
    plt_planning_document_load_week (self->document, &state->week, state->revision, theirs,
                                     published, state->published_version);
  else
    {
      n_conflicts = plt_planning_document_merge_remote (self->document, &state->week, state->revision, theirs);
      plt_planning_document_set_published (self->document, &state->week, published, state->published_version);
    }
  return n_conflicts;
}

static void
failed (PltPlanningSync  *self,
        const PltWeek    *week,
        PltProtocolError  code,
        const char       *message)
{
  g_autofree char *name = plt_week_to_string (week);
  g_autoptr(GError) error = g_error_new_literal (PLT_PROTOCOL_ERROR, code, message != NULL ? message : "");

  g_signal_emit (self, signals[SIGNAL_FAILED], 0, name, error);
}

gboolean
plt_planning_sync_handle_message (PltPlanningSync  *self,
                                  const PltMessage *message)
{
  g_autoptr(PltPlanningSync) hold = g_object_ref (self);
  const PltPlanningMessage *p = NULL;
  Request *request = NULL;

  switch (message->type)
    {
    case PLT_MESSAGE_PLANNING_STATE:
    case PLT_MESSAGE_PLANNING_SAVED:
    case PLT_MESSAGE_PLANNING_PUBLISHED:
      p = message->u.planning;
      if (p == NULL || g_strcmp0 (p->team, plt_planning_document_get_team (self->document)) != 0)
        return FALSE;
      if (p->reply_to != NULL)
        request = take_in_flight (self, p->reply_to);
      break;
    case PLT_MESSAGE_RESULT:
      request = take_in_flight (self, message->u.result.reply_to);
      if (request == NULL)
        return FALSE;
      break;
    case PLT_MESSAGE_ERROR:
      request = take_in_flight (self, message->u.error.reply_to);
      if (request == NULL)
        return FALSE;
      break;
    default:
      return FALSE;
    }

  if (message->type == PLT_MESSAGE_PLANNING_PUBLISHED)
    {
      g_autofree char *name = plt_week_to_string (&p->week);

      g_signal_emit (self, signals[SIGNAL_NOTIFIED], 0, name, p->published_version);
      return TRUE;
    }

  if (message->type == PLT_MESSAGE_PLANNING_STATE)
    {
      g_autofree char *name = plt_week_to_string (&p->week);
      guint n_conflicts = apply_state (self, p);

      g_signal_emit (self, signals[SIGNAL_LOADED], 0, name);
      if (n_conflicts > 0)
        g_signal_emit (self, signals[SIGNAL_CONFLICT], 0, name, n_conflicts);
    }
  else if (message->type == PLT_MESSAGE_PLANNING_SAVED && request != NULL && request->kind == REQUEST_SAVE)
    {
      g_autofree char *name = plt_week_to_string (&request->week);
      g_autoptr(GPtrArray) pending = NULL;
      g_autoptr(GError) error = NULL;

      plt_planning_document_mark_saved (self->document, &request->week, p->revision, request->days);
      if (!plt_planning_document_compact_journal (self->document, &error))
        g_warning ("planning: cannot compact the journal: %s", error->message);
      pending = plt_planning_document_list_pending (self->document, &request->week);
      if (pending->len > 0)
        {
          /* The rest of a split save, or edits made meanwhile. */
          g_queue_push_head (&self->waiting, request_new (REQUEST_SAVE, &request->week));
        }
      else
        g_signal_emit (self, signals[SIGNAL_SAVED], 0, name, p->revision);
    }
  else if (message->type == PLT_MESSAGE_RESULT && request != NULL)
    {
      if (request->kind == REQUEST_PUBLISH)
        {
          g_autofree char *name = plt_week_to_string (&request->week);

          g_signal_emit (self, signals[SIGNAL_PUBLISHED], 0, name, request->revision);
          /* The new version, for the review. */
          if (!queued (self, REQUEST_GET, &request->week))
            g_queue_push_head (&self->waiting, request_new (REQUEST_GET, &request->week));
        }
    }
  else if (message->type == PLT_MESSAGE_ERROR && request != NULL)
    {
      const PltErrorData *e = &message->u.error;

      if (e->code == PLT_PROTOCOL_ERROR_CONFLICT && e->current != NULL)
        {
          g_autofree char *name = plt_week_to_string (&request->week);
          guint n_conflicts = apply_state (self, e->current);

          g_signal_emit (self, signals[SIGNAL_CONFLICT], 0, name, n_conflicts);
          /* Different agent-days merged by themselves: save them again. */
          if (request->kind == REQUEST_SAVE && n_conflicts == 0)
            g_queue_push_head (&self->waiting, request_new (REQUEST_SAVE, &request->week));
        }
      else
        failed (self, &request->week, e->code, e->message);
    }

  request_free (request);
  pump (self);
  return TRUE;
}
