/* plt-operator-page.c — one operator: figures, the day, the actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "plt-agent.h"
#include "plt-csv.h"
#include "plt-flight-recorder.h"
#include "plt-plan-actual-strip.h"
#include "plt-operator-page.h"
#include "plt-protocol-supervisor.h"
#include "plt-queue.h"
#include "plt-state-pill.h"
#include "plt-store.h"
#include "plt-team.h"
#include "plt-ui-format.h"

#define SETTINGS_KEY_TARGETS "kpi-targets"
#define HISTORY_STEP_S       60

typedef enum
{
  FORMAT_COUNT,
  FORMAT_DURATION,
  FORMAT_PERCENT,
} Format;

typedef enum
{
  BETTER_NONE,
  BETTER_HIGHER,   /* at or above the target is good */
  BETTER_LOWER,    /* at or below the target is good */
} Better;

typedef struct
{
  const char *label;
  gsize       offset;      /* in PltKpiValues: a gint64 for counts, else a double */
  Format      format;
  gboolean    per_agent;   /* the team's figure is a sum: divide by its agents */
  const char *target_key;  /* in "kpi-targets", nullable */
  Better      better;
} Figure;

#define VALUE_OFFSET(field) G_STRUCT_OFFSET (PltKpiValues, field)

static const Figure figures[] = {
  { N_("Contacts handled"), VALUE_OFFSET (handled), FORMAT_COUNT, TRUE, "handled", BETTER_HIGHER },
  { N_("Average handle time"), VALUE_OFFSET (aht_s), FORMAT_DURATION, FALSE, "aht_s", BETTER_LOWER },
  { N_("Average talk"), VALUE_OFFSET (talk_s), FORMAT_DURATION, FALSE, NULL, BETTER_NONE },
  { N_("Average hold"), VALUE_OFFSET (hold_s), FORMAT_DURATION, FALSE, NULL, BETTER_NONE },
  { N_("Average wrap-up"), VALUE_OFFSET (wrap_s), FORMAT_DURATION, FALSE, "wrap_s", BETTER_LOWER },
  { N_("Occupancy"), VALUE_OFFSET (occupancy), FORMAT_PERCENT, FALSE, "occupancy", BETTER_LOWER },
  { N_("Utilisation"), VALUE_OFFSET (utilisation), FORMAT_PERCENT, FALSE, "utilisation", BETTER_HIGHER },
  { N_("Adherence"), VALUE_OFFSET (adherence), FORMAT_PERCENT, FALSE, "adherence", BETTER_HIGHER },
  { N_("Transfers"), VALUE_OFFSET (transferred), FORMAT_COUNT, TRUE, NULL, BETTER_NONE },
  { N_("Calls left ringing"), VALUE_OFFSET (rona), FORMAT_COUNT, TRUE, "rona", BETTER_LOWER },
  { N_("Logged in"), VALUE_OFFSET (logged_in_s), FORMAT_DURATION, TRUE, NULL, BETTER_NONE },
};

#define N_FIGURES G_N_ELEMENTS (figures)
#define N_COLUMNS 4

struct _PltOperatorPage
{
  GtkWidget          parent_instance;

  GtkWidget         *scroller;
  GtkWidget         *name_label;
  GtkWidget         *team_label;
  GtkWidget         *state_pill;
  GtkWidget         *avatar;
  GtkWidget         *today_button;
  GtkWidget         *week_button;
  GtkWidget         *custom_button;
  GtkWidget         *from_calendar;
  GtkWidget         *to_calendar;
  GtkWidget         *period_label;
  GtkWidget         *table;
  GtkWidget         *mine_header;
  GtkWidget         *status_label;
  GtkWidget         *recorder;
  GtkWidget         *plan_strip;
  GtkAdjustment     *scrubber;
  GtkWidget         *moment_label;
  GtkWidget         *cells[N_FIGURES][N_COLUMNS];
  GtkWidget         *marks[N_FIGURES];

  PltClient         *client;
  PltAgentActions   *actions;
  GSettings         *settings;
  PltAgent          *agent;
  GSignalGroup      *agent_signals;
  GCancellable      *cancellable;

  PltOperatorPeriod  period;
  gint64             custom_from;
  gint64             custom_to;
  PltKpiValues       mine;
  PltKpiValues       team;
  guint              team_size;
  guint              pending;
  GPtrArray         *samples;       /* PltQueueSample*: the day's queues */
  GStrv              queues;        /* the agent's queues, for the samples */
  GStrv              team_ids;      /* the recorder's rows */
  GStrv              team_names;
  char              *text[N_FIGURES][N_COLUMNS];

  guint              has_mine : 1;
  guint              has_team : 1;
};

G_DEFINE_FINAL_TYPE (PltOperatorPage, plt_operator_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static PltModel *
get_model (PltOperatorPage *self)
{
  return self->client != NULL ? plt_client_get_model (self->client) : NULL;
}

static gint64
router_now (PltOperatorPage *self)
{
  PltClock *clock = self->client != NULL ? plt_client_get_clock (self->client) : NULL;
  gint64 now = clock != NULL ? plt_clock_get_now (clock) : 0;

  return now > 0 ? now : g_get_real_time () / 1000;
}

static gint64
local_midnight (gint64 time_ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (time_ms / 1000);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (dt), g_date_time_get_month (dt),
                                                         g_date_time_get_day_of_month (dt), 0, 0, 0);

  return g_date_time_to_unix (midnight) * 1000;
}

/* Targets ------------------------------------------------------------------ */

static gboolean
lookup_target (PltOperatorPage *self,
               const char      *key,
               double          *target)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GVariant) targets = NULL;

  if (key == NULL || self->settings == NULL)
    return FALSE;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, SETTINGS_KEY_TARGETS))
    return FALSE;

  targets = g_settings_get_value (self->settings, SETTINGS_KEY_TARGETS);
  return g_variant_lookup (targets, key, "d", target);
}

/* The table ----------------------------------------------------------------- */

static double
value_of (const PltKpiValues *values,
          const Figure       *figure)
{
  const guint8 *base = (const guint8 *) values;

  if (figure->format == FORMAT_COUNT)
    return (double) G_STRUCT_MEMBER (gint64, base, figure->offset);
  return G_STRUCT_MEMBER (double, base, figure->offset);
}

static char *
format_value (Format format,
              double value)
{
  if (isnan (value))
    return g_strdup ("—");

  switch (format)
    {
    case FORMAT_COUNT:
      return fabs (value - round (value)) < 0.05 ? g_strdup_printf ("%.0f", value) : g_strdup_printf ("%.1f", value);
    case FORMAT_DURATION:
      return plt_format_duration ((gint64) (value * 1000.0));
    case FORMAT_PERCENT:
    default:
      return plt_format_percent (value);
    }
}

static void
set_cell (PltOperatorPage *self,
          guint            row,
          guint            column,
          const char      *text)
{
  g_free (self->text[row][column]);
  self->text[row][column] = g_strdup (text);
  gtk_label_set_label (GTK_LABEL (self->cells[row][column]), text);
}

static void
update_table (PltOperatorPage *self)
{
  for (guint i = 0; i < N_FIGURES; i++)
    {
      const Figure *figure = &figures[i];
      double mine = self->has_mine ? value_of (&self->mine, figure) : NAN;
      double team = self->has_team ? value_of (&self->team, figure) : NAN;
      double target = NAN;
      g_autofree char *mine_text = NULL;
      g_autofree char *team_text = NULL;
      g_autofree char *target_text = NULL;
      const char *mark = NULL;
      const char *mark_words = NULL;

      if (figure->per_agent && !isnan (team))
        team = self->team_size > 0 ? team / self->team_size : NAN;
      if (!lookup_target (self, figure->target_key, &target))
        target = NAN;

      mine_text = format_value (figure->format, mine);
      team_text = format_value (figure->format, team);
      target_text = format_value (figure->format, target);

      set_cell (self, i, 0, _(figure->label));
      set_cell (self, i, 1, mine_text);
      set_cell (self, i, 2, team_text);
      set_cell (self, i, 3, target_text);

      gtk_widget_remove_css_class (self->cells[i][1], "kpi-off");
      if (!isnan (mine) && !isnan (target) && figure->better != BETTER_NONE)
        {
          gboolean ok = figure->better == BETTER_HIGHER ? mine >= target : mine <= target;

          mark = ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic";
          mark_words = ok ? _("Within the target") : _("Off the target");
          if (!ok)
            gtk_widget_add_css_class (self->cells[i][1], "kpi-off");
        }
      gtk_image_set_from_icon_name (GTK_IMAGE (self->marks[i]), mark);
      gtk_widget_set_visible (self->marks[i], mark != NULL);
      gtk_widget_set_tooltip_text (self->marks[i], mark_words);
      if (mark_words != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->marks[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, mark_words, -1);
    }
}

static void
update_header (PltOperatorPage *self)
{
  PltModel *model = get_model (self);
  PltTeam *team = NULL;
  const char *name = self->agent != NULL ? plt_agent_get_name (self->agent) : NULL;

  if (self->agent != NULL && model != NULL && plt_agent_get_team_id (self->agent) != NULL)
    team = plt_model_lookup_team (model, plt_agent_get_team_id (self->agent));

  gtk_label_set_label (GTK_LABEL (self->name_label), name != NULL ? name : "");
  gtk_label_set_label (GTK_LABEL (self->mine_header), name != NULL ? name : _("Operator"));
  adw_avatar_set_text (ADW_AVATAR (self->avatar), name);
  gtk_label_set_label (GTK_LABEL (self->team_label),
                       team != NULL && plt_team_get_name (team) != NULL ? plt_team_get_name (team) : "");
  plt_state_pill_set_state (PLT_STATE_PILL (self->state_pill),
                            self->agent != NULL ? plt_agent_get_state (self->agent) : PLT_AGENT_STATE_UNKNOWN);
  plt_state_pill_set_reason (PLT_STATE_PILL (self->state_pill),
                             self->agent != NULL ? plt_agent_get_reason (self->agent) : NULL);
}

static void
set_status (PltOperatorPage *self,
            const char      *text)
{
  gtk_label_set_label (GTK_LABEL (self->status_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->status_label, text != NULL);
}

/* Figures --------------------------------------------------------------------- */

typedef struct
{
  PltOperatorPage *self;
  PltKpiScope      scope;
  char            *agent;
} KpiCall;

static void
kpi_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  KpiCall *call = user_data;
  PltOperatorPage *self = call->self;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = plt_client_query_kpi_finish (PLT_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto out;

  self->pending--;
  if (self->agent == NULL || g_strcmp0 (call->agent, plt_agent_get_id (self->agent)) != 0)
    goto out;

  if (rows == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The router did not give the figures: %s"), error->message);

      set_status (self, text);
    }
  else if (rows->len > 0)
    {
      const PltKpiRow *row = g_ptr_array_index (rows, 0);

      if (call->scope == PLT_KPI_SCOPE_AGENT)
        {
          self->mine = row->values;
          self->has_mine = TRUE;
        }
      else
        {
          self->team = row->values;
          self->has_team = TRUE;
        }
      if (self->pending == 0)
        set_status (self, NULL);
    }

  update_table (self);

out:
  g_object_unref (call->self);
  g_free (call->agent);
  g_free (call);
}

static void
period_bounds (PltOperatorPage *self,
               gint64          *from,
               gint64          *to)
{
  gint64 now = router_now (self);

  switch (self->period)
    {
    case PLT_OPERATOR_PERIOD_WEEK:
      {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now / 1000);
        int back = g_date_time_get_day_of_week (dt) - 1;   /* from Monday */

        *from = local_midnight (now) - (gint64) back * 24 * 3600 * 1000;
        /* A day of daylight saving change is not 24 h: start at midnight. */
        *from = local_midnight (*from + 12 * 3600 * 1000);
        *to = now + 1;
      }
      break;

    case PLT_OPERATOR_PERIOD_CUSTOM:
      *from = self->custom_from;
      *to = self->custom_to;
      break;

    case PLT_OPERATOR_PERIOD_TODAY:
    default:
      *from = local_midnight (now);
      *to = now + 1;
      break;
    }
}

static void
update_period_label (PltOperatorPage *self)
{
  gint64 from, to;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *text = NULL;

  period_bounds (self, &from, &to);
  start = g_date_time_new_from_unix_local (from / 1000);
  end = g_date_time_new_from_unix_local ((to - 1) / 1000);
  start_text = g_date_time_format (start, "%x");
  end_text = g_date_time_format (end, "%x");

  if (g_strcmp0 (start_text, end_text) == 0)
    text = g_strdup (start_text);
  else
    /* Translators: a period, "from 24/11/2026 to 27/11/2026" */
    text = g_strdup_printf (_("%s to %s"), start_text, end_text);
  gtk_label_set_label (GTK_LABEL (self->period_label), text);
}

static guint
count_team (PltOperatorPage *self,
            const char      *team_id)
{
  PltModel *model = get_model (self);
  GListModel *agents = model != NULL ? G_LIST_MODEL (plt_model_get_agents (model)) : NULL;
  guint n = 0;

  for (guint i = 0; agents != NULL && i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(PltAgent) agent = g_list_model_get_item (agents, i);

      if (g_strcmp0 (plt_agent_get_team_id (agent), team_id) == 0)
        n++;
    }

  return n;
}

static void
ask_figures (PltOperatorPage *self)
{
  const char *team_id;
  gint64 from, to;

  self->has_mine = self->has_team = FALSE;
  plt_kpi_values_init (&self->mine);
  plt_kpi_values_init (&self->team);
  update_period_label (self);
  update_table (self);

  if (self->agent == NULL || self->client == NULL)
    return;

  team_id = plt_agent_get_team_id (self->agent);
  self->team_size = count_team (self, team_id);
  period_bounds (self, &from, &to);
  set_status (self, _("Asking the router for the figures…"));

  for (guint i = 0; i < 2; i++)
    {
      KpiCall *call = g_new0 (KpiCall, 1);
      const char *ids[2] = { i == 0 ? plt_agent_get_id (self->agent) : team_id, NULL };

      if (ids[0] == NULL)
        {
          g_free (call);
          continue;
        }
      call->self = g_object_ref (self);
      call->scope = i == 0 ? PLT_KPI_SCOPE_AGENT : PLT_KPI_SCOPE_TEAM;
      call->agent = g_strdup (plt_agent_get_id (self->agent));
      self->pending++;
      if (self->period == PLT_OPERATOR_PERIOD_TODAY)
        plt_client_query_kpi_period (self->client, call->scope, ids, PLT_KPI_PERIOD_TODAY, 0,
                                     self->cancellable, kpi_done_cb, call);
      else
        plt_client_query_kpi (self->client, call->scope, ids, from, to, 0,
                              self->cancellable, kpi_done_cb, call);
    }
}

/* The day: the flight recorder ----------------------------------------------- */

static const char *
queue_name (PltOperatorPage *self,
            const char      *queue_id)
{
  PltModel *model = get_model (self);
  PltQueue *queue = model != NULL && queue_id != NULL ? plt_model_lookup_queue (model, queue_id) : NULL;

  return queue != NULL && plt_queue_get_name (queue) != NULL ? plt_queue_get_name (queue) : queue_id;
}

/* The rest of the team at @at, by state: "On call: Lucas Bernard (Ventes),
 * Léa Dubois (Facturation). Available: Chloé Robert." */
static void
append_team_moment (PltOperatorPage *self,
                    GString         *text,
                    gint64           at)
{
  static const PltAgentState order[] = {
    PLT_AGENT_STATE_RINGING, PLT_AGENT_STATE_ON_CALL, PLT_AGENT_STATE_ON_HOLD, PLT_AGENT_STATE_WRAP_UP,
    PLT_AGENT_STATE_BUSY_OTHER, PLT_AGENT_STATE_AVAILABLE, PLT_AGENT_STATE_MISSED, PLT_AGENT_STATE_PAUSED,
    PLT_AGENT_STATE_LOGGED_OUT,
  };
  PltFlightRecorder *recorder = PLT_FLIGHT_RECORDER (self->recorder);

  if (self->team_ids == NULL || self->team_ids[0] == NULL || self->team_ids[1] == NULL)
    return;

  for (guint s = 0; s < G_N_ELEMENTS (order); s++)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      /* The operator first in the rows: the others from the second. */
      for (guint i = 1; self->team_ids[i] != NULL; i++)
        {
          const char *reason = NULL;
          const char *queue = NULL;
          PltAgentState state = plt_flight_recorder_get_state_at (recorder, self->team_ids[i], at, &reason, &queue);

          if (state != order[s])
            continue;
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, self->team_names[i]);
          if (queue != NULL)
            g_string_append_printf (names, " (%s)", queue_name (self, queue));
          else if (reason != NULL)
            g_string_append_printf (names, " (%s)", plt_reason_get_label (reason));
        }
      if (names->len > 0)
        /* Translators: one state of the team at a moment: "On call: Lucas Bernard (Ventes), Léa Dubois (Ventes)." */
        {
          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("%s: %s."), plt_agent_state_get_label (order[s]), names->str);
        }
    }
}

/* "At 10:40, Camille Martin was on a call (Ventes). Ventes: 3 waiting, the
 * longest for 1:20; 5 busy, 2 available, 1 in wrap-up, 1 paused." */
static void
update_moment (PltOperatorPage *self)
{
  PltFlightRecorder *recorder = PLT_FLIGHT_RECORDER (self->recorder);
  gint64 at = plt_flight_recorder_get_position (recorder);
  gint64 from = plt_flight_recorder_get_from (recorder);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (at / 1000);
  g_autofree char *clock = g_date_time_format (dt, "%H:%M");
  g_autoptr(GString) text = g_string_new (NULL);
  const char *reason = NULL;
  const char *queue = NULL;
  PltAgentState state;
  g_autofree char *display = NULL;
  g_autofree char *lower = NULL;

  if (self->agent == NULL || from == 0)
    {
      gtk_label_set_label (GTK_LABEL (self->moment_label), "");
      return;
    }

  state = plt_flight_recorder_get_state_at (recorder, plt_agent_get_id (self->agent), at, &reason, &queue);
  display = plt_agent_state_dup_display (state, reason);
  lower = g_utf8_strdown (display, -1);
  if (queue != NULL)
    /* Translators: "At 10:40, Camille Martin was on call (Ventes)." */
    g_string_append_printf (text, _("At %s, %s was %s (%s)."), clock, plt_agent_get_name (self->agent),
                            lower, queue_name (self, queue));
  else
    /* Translators: "At 10:40, Camille Martin was paused · break." */
    g_string_append_printf (text, _("At %s, %s was %s."), clock, plt_agent_get_name (self->agent), lower);

  for (guint q = 0; self->queues != NULL && self->queues[q] != NULL; q++)
    {
      const PltQueueSample *best = NULL;

      for (guint i = 0; self->samples != NULL && i < self->samples->len; i++)
        {
          const PltQueueSample *sample = g_ptr_array_index (self->samples, i);

          if (g_strcmp0 (sample->queue, self->queues[q]) == 0 && sample->at <= at &&
              (best == NULL || sample->at > best->at))
            best = sample;
        }
      if (best == NULL)
        continue;

      g_string_append_c (text, '\n');
      if (best->waiting > 0 && best->oldest_since != 0)
        {
          g_autofree char *longest = plt_format_elapsed (best->at, best->oldest_since);

          /* Translators: "Ventes: 3 waiting, the longest for 1:20; 5 busy, 2 available, 1 in wrap-up, 1 paused." */
          g_string_append_printf (text, _("%s: %u waiting, the longest for %s; %u busy, %u available, %u in wrap-up, %u paused."),
                                  queue_name (self, best->queue), best->waiting, longest, best->agents.busy,
                                  best->agents.available, best->agents.wrap_up, best->agents.paused);
        }
      else
        /* Translators: "Ventes: nobody waiting; 5 busy, 2 available, 1 in wrap-up, 1 paused." */
        g_string_append_printf (text, _("%s: nobody waiting; %u busy, %u available, %u in wrap-up, %u paused."),
                                queue_name (self, best->queue), best->agents.busy, best->agents.available,
                                best->agents.wrap_up, best->agents.paused);
    }

  append_team_moment (self, text, at);

  gtk_label_set_label (GTK_LABEL (self->moment_label), text->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->recorder), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->str, -1);
}

typedef struct
{
  PltOperatorPage *self;
  char            *agent;
} HistoryCall;

/* The day shown starts with its first state (on the quarter hour), not at
 * midnight: a morning shift fills the width. */
static void
fit_range (PltOperatorPage *self,
           GPtrArray       *intervals)
{
  PltFlightRecorder *recorder = PLT_FLIGHT_RECORDER (self->recorder);
  gint64 from = plt_flight_recorder_get_from (recorder);
  gint64 to = plt_flight_recorder_get_to (recorder);
  gint64 position = plt_flight_recorder_get_position (recorder);
  gint64 first = to;
  const gint64 quarter = 15 * 60 * 1000;

  for (guint i = 0; i < intervals->len; i++)
    {
      const PltAgentInterval *interval = g_ptr_array_index (intervals, i);

      if (interval->status != PLT_AGENT_STATUS_LOGGED_OUT)
        first = MIN (first, MAX (interval->start, from));
    }

  first = MAX (from, first / quarter * quarter);
  if (to - first < quarter)
    first = MAX (from, to - quarter);

  plt_flight_recorder_set_range (recorder, first, to);
  gtk_adjustment_configure (self->scrubber, CLAMP (position, first, to), first, to, 60 * 1000, 10 * 60 * 1000, 0);
}

static void
history_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HistoryCall *call = user_data;
  PltOperatorPage *self = call->self;
  g_autoptr(PltSupervisorMessage) history = NULL;
  g_autoptr(GError) error = NULL;

  history = plt_client_query_history_finish (PLT_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto out;

  self->pending--;
  if (self->agent == NULL || g_strcmp0 (call->agent, plt_agent_get_id (self->agent)) != 0)
    goto out;

  if (history == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The router did not give the day: %s"), error->message);

      set_status (self, text);
      goto out;
    }

  plt_flight_recorder_set_intervals (PLT_FLIGHT_RECORDER (self->recorder), history->intervals);
  fit_range (self, history->intervals);

  /* The agent's own states under their published plan */
  {
    g_autoptr(GPtrArray) own = g_ptr_array_new ();

    for (guint i = 0; i < history->intervals->len; i++)
      {
        const PltAgentInterval *interval = g_ptr_array_index (history->intervals, i);

        if (g_strcmp0 (interval->agent, call->agent) == 0)
          g_ptr_array_add (own, (gpointer) interval);
      }
    plt_plan_actual_strip_set_actual (PLT_PLAN_ACTUAL_STRIP (self->plan_strip), own, router_now (self));
    /* On the recorder's time axis */
    plt_plan_actual_strip_set_span (PLT_PLAN_ACTUAL_STRIP (self->plan_strip), NULL,
                                    plt_flight_recorder_get_from (PLT_FLIGHT_RECORDER (self->recorder)),
                                    plt_flight_recorder_get_to (PLT_FLIGHT_RECORDER (self->recorder)));
  }
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  self->samples = g_ptr_array_ref (history->queue_samples);
  if (self->pending == 0)
    set_status (self, NULL);
  update_moment (self);

out:
  g_object_unref (call->self);
  g_free (call->agent);
  g_free (call);
}

static void
ask_day (PltOperatorPage *self)
{
  PltModel *model = get_model (self);
  GListModel *agents;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = NULL;
  HistoryCall *call;
  gint64 now = router_now (self);
  gint64 midnight = local_midnight (now);

  g_clear_pointer (&self->samples, g_ptr_array_unref);
  g_clear_pointer (&self->queues, g_strfreev);
  g_clear_pointer (&self->team_ids, g_strfreev);
  g_clear_pointer (&self->team_names, g_strfreev);
  plt_flight_recorder_set_intervals (PLT_FLIGHT_RECORDER (self->recorder), NULL);
  if (self->agent == NULL || model == NULL)
    return;

  /* The agent first, then the team by name. */
  g_ptr_array_add (ids, g_strdup (plt_agent_get_id (self->agent)));
  g_ptr_array_add (names, g_strdup (plt_agent_get_name (self->agent)));
  agents = G_LIST_MODEL (plt_model_get_agents (model));
  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(PltAgent) agent = g_list_model_get_item (agents, i);

      if (agent != self->agent &&
          g_strcmp0 (plt_agent_get_team_id (agent), plt_agent_get_team_id (self->agent)) == 0 &&
          ids->len < PLT_PROTOCOL_MAX_HISTORY_IDS)
        {
          g_ptr_array_add (ids, g_strdup (plt_agent_get_id (agent)));
          g_ptr_array_add (names, g_strdup (plt_agent_get_name (agent)));
        }
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (names, NULL);

  plt_flight_recorder_set_agents (PLT_FLIGHT_RECORDER (self->recorder),
                                  (const char * const *) ids->pdata, (const char * const *) names->pdata);
  plt_flight_recorder_set_highlight (PLT_FLIGHT_RECORDER (self->recorder), plt_agent_get_id (self->agent));
  plt_flight_recorder_set_range (PLT_FLIGHT_RECORDER (self->recorder), midnight, now);
  gtk_adjustment_configure (self->scrubber, now, midnight, now, 60 * 1000, 10 * 60 * 1000, 0);
  plt_flight_recorder_set_position (PLT_FLIGHT_RECORDER (self->recorder), now);

  self->queues = g_strdupv ((GStrv) plt_agent_get_queues (self->agent));
  self->team_ids = g_strdupv ((GStrv) ids->pdata);
  self->team_names = g_strdupv ((GStrv) names->pdata);
  plt_plan_actual_strip_set_actual (PLT_PLAN_ACTUAL_STRIP (self->plan_strip), NULL, 0);
  if (self->client == NULL)
    return;

  if (plt_agent_get_team_id (self->agent) != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now / 1000);
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                      g_date_time_get_year (local));
      plt_plan_actual_strip_load_plan (PLT_PLAN_ACTUAL_STRIP (self->plan_strip), self->client,
                                       plt_agent_get_team_id (self->agent), plt_agent_get_id (self->agent), &today);
    }

  call = g_new0 (HistoryCall, 1);
  call->self = g_object_ref (self);
  call->agent = g_strdup (plt_agent_get_id (self->agent));
  self->pending++;
  id = plt_client_query_history (self->client, midnight, now + 1, (const char * const *) ids->pdata,
                                 (const char * const *) self->queues, HISTORY_STEP_S,
                                 self->cancellable, history_done_cb, call);
}

static void
position_changed_cb (PltOperatorPage *self)
{
  update_moment (self);
}

static char *
format_scrubber_cb (GtkScale *scale,
                    double    value,
                    gpointer  user_data)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local ((gint64) value / 1000);

  return g_date_time_format (dt, "%H:%M");
}

static void
now_clicked_cb (PltOperatorPage *self)
{
  ask_day (self);
}

/* Period ------------------------------------------------------------------------ */

static void
period_toggled_cb (PltOperatorPage *self)
{
  PltOperatorPeriod period;

  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->week_button)))
    period = PLT_OPERATOR_PERIOD_WEEK;
  else if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->today_button)))
    period = PLT_OPERATOR_PERIOD_TODAY;
  else
    return;

  if (period != self->period)
    plt_operator_page_set_period (self, period, 0, 0);
}

static gint64
calendar_day (GtkWidget *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (GTK_CALENDAR (calendar));
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (date), g_date_time_get_month (date),
                                                         g_date_time_get_day_of_month (date), 0, 0, 0);

  return g_date_time_to_unix (midnight) * 1000;
}

static void
apply_custom_cb (GtkButton       *button,
                 PltOperatorPage *self)
{
  gint64 from = calendar_day (self->from_calendar);
  gint64 to = calendar_day (self->to_calendar);

  if (to < from)
    {
      gint64 swap = from;

      from = to;
      to = swap;
    }
  /* The last day counts whole. */
  to = local_midnight (to + 36 * 3600 * 1000);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->custom_button));
  plt_operator_page_set_period (self, PLT_OPERATOR_PERIOD_CUSTOM, from, to);
}

/* CSV ---------------------------------------------------------------------------- */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PltOperatorPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The table was not saved: %s"), error->message);

      set_status (self, text);
    }
  else
    set_status (self, NULL);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    PltOperatorPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *csv = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      g_autoptr(GBytes) bytes = NULL;

      csv = _plt_operator_page_dup_csv (self);
      bytes = g_bytes_new_take (csv, strlen (csv));
      csv = NULL;
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           self->cancellable, export_done_cb, g_object_ref (self));
    }

  g_object_unref (dialog);
}

static void
export_clicked_cb (PltOperatorPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;
  gint64 from, to;
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *date = NULL;

  if (self->agent == NULL)
    return;

  period_bounds (self, &from, &to);
  start = g_date_time_new_from_unix_local (from / 1000);
  date = g_date_time_format (start, "%Y-%m-%d");
  name = g_utf8_strdown (plt_agent_get_name (self->agent) != NULL ? plt_agent_get_name (self->agent)
                                                                  : plt_agent_get_id (self->agent), -1);
  g_strdelimit (name, " /\\", '-');
  file_name = g_strdup_printf ("%s-%s.csv", name, date);

  dialog = gtk_file_chooser_native_new (_("Export the Figures"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Comma-separated values"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), file_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Building ------------------------------------------------------------------------ */

static void
back_clicked_cb (PltOperatorPage *self)
{
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

static GtkWidget *
action_button (const char *icon,
               const char *label,
               const char *action)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);

  return button;
}

static GtkWidget *
build_header (PltOperatorPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *pause = gtk_menu_button_new ();
  g_autoptr(GMenu) reasons = g_menu_new ();
  static const char * const codes[] = { "break", "lunch", "training", "meeting", "back_office" };

  gtk_widget_set_tooltip_text (back, _("Back to the board"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to the board"), -1);
  gtk_widget_set_valign (back, GTK_ALIGN_CENTER);
  g_signal_connect_object (back, "clicked", G_CALLBACK (back_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), back);

  self->avatar = adw_avatar_new (48, NULL, TRUE);
  gtk_box_append (GTK_BOX (box), self->avatar);

  self->name_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->name_label), 0);
  gtk_widget_add_css_class (self->name_label, "title-2");
  self->team_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->team_label, "dim-label");
  self->state_pill = plt_state_pill_new ();
  gtk_box_append (GTK_BOX (line), self->state_pill);
  gtk_box_append (GTK_BOX (line), self->team_label);
  gtk_box_append (GTK_BOX (titles), self->name_label);
  gtk_box_append (GTK_BOX (titles), line);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), titles);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (plt_reason_get_label (codes[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "agent.pause", g_variant_new_string (codes[i]));
      g_menu_append_item (reasons, item);
    }
  gtk_menu_button_set_label (GTK_MENU_BUTTON (pause), _("_Pause"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (pause), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (pause), G_MENU_MODEL (reasons));
  gtk_widget_set_tooltip_text (pause, _("Pause with a reason (Ctrl+Shift+P: a break)"));

  gtk_box_append (GTK_BOX (actions), pause);
  gtk_box_append (GTK_BOX (actions), action_button ("media-playback-start-symbolic", _("Make _Ready"), "agent.ready"));
  gtk_box_append (GTK_BOX (actions), action_button ("system-log-out-symbolic", _("_Log Out"), "agent.logout"));
  gtk_box_append (GTK_BOX (actions), action_button ("view-list-bullet-symbolic", _("_Skills…"), "agent.skills"));
  gtk_box_append (GTK_BOX (actions), action_button ("mail-send-symbolic", _("_Message…"), "agent.message"));
  gtk_widget_set_valign (actions, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), actions);

  return box;
}

static GtkWidget *
build_period (PltOperatorPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *pop_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *calendars = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *apply = gtk_button_new_with_mnemonic (_("_Show This Period"));
  GtkWidget *export = gtk_button_new ();
  GtkWidget *export_content = adw_button_content_new ();
  GtkWidget *from_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *to_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_add_css_class (linked, "linked");
  self->today_button = gtk_toggle_button_new_with_mnemonic (_("_Today"));
  self->week_button = gtk_toggle_button_new_with_mnemonic (_("This _Week"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->week_button), GTK_TOGGLE_BUTTON (self->today_button));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->today_button), TRUE);
  g_signal_connect_object (self->today_button, "toggled", G_CALLBACK (period_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->week_button, "toggled", G_CALLBACK (period_toggled_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (linked), self->today_button);
  gtk_box_append (GTK_BOX (linked), self->week_button);

  self->from_calendar = gtk_calendar_new ();
  self->to_calendar = gtk_calendar_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->from_calendar), GTK_ACCESSIBLE_PROPERTY_LABEL, _("First day"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->to_calendar), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Last day"), -1);
  gtk_box_append (GTK_BOX (from_box), gtk_label_new (_("First day")));
  gtk_box_append (GTK_BOX (from_box), self->from_calendar);
  gtk_box_append (GTK_BOX (to_box), gtk_label_new (_("Last day")));
  gtk_box_append (GTK_BOX (to_box), self->to_calendar);
  gtk_box_append (GTK_BOX (calendars), from_box);
  gtk_box_append (GTK_BOX (calendars), to_box);
  gtk_box_append (GTK_BOX (pop_box), calendars);
  gtk_widget_add_css_class (apply, "suggested-action");
  gtk_widget_set_halign (apply, GTK_ALIGN_END);
  g_signal_connect_object (apply, "clicked", G_CALLBACK (apply_custom_cb), self, 0);
  gtk_box_append (GTK_BOX (pop_box), apply);
  gtk_popover_set_child (GTK_POPOVER (popover), pop_box);

  self->custom_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->custom_button), _("_Period…"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (self->custom_button), TRUE);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->custom_button), popover);
  gtk_widget_set_tooltip_text (self->custom_button, _("Choose the days in a calendar"));
  gtk_box_append (GTK_BOX (linked), self->custom_button);
  gtk_box_append (GTK_BOX (box), linked);

  self->period_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->period_label, "dim-label");
  gtk_widget_set_hexpand (self->period_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->period_label), 0);
  gtk_box_append (GTK_BOX (box), self->period_label);

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (export_content), "document-save-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (export_content), _("_Export…"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (export_content), TRUE);
  gtk_button_set_child (GTK_BUTTON (export), export_content);
  gtk_widget_set_tooltip_text (export, _("Save the table as comma-separated values"));
  g_signal_connect_object (export, "clicked", G_CALLBACK (export_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), export);

  return box;
}

static GtkWidget *
table_label (const char *css_class,
             float       xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
build_table (PltOperatorPage *self)
{
  GtkWidget *grid = gtk_grid_new ();
  const char *headers[N_COLUMNS] = { _("Figure"), NULL, _("Team average"), _("Target") };

  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_widget_add_css_class (grid, "card");
  gtk_widget_add_css_class (grid, "operator-figures");
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Figures"), -1);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkWidget *header = table_label ("heading", c == 0 ? 0.0 : 1.0);

      gtk_label_set_label (GTK_LABEL (header), headers[c] != NULL ? headers[c] : _("Operator"));
      if (c == 1)
        self->mine_header = header;
      gtk_grid_attach (GTK_GRID (grid), header, c <= 1 ? c : c + 1, 0, 1, 1);
    }

  for (guint i = 0; i < N_FIGURES; i++)
    {
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          self->cells[i][c] = table_label (c == 0 ? NULL : "numeric", c == 0 ? 0.0 : 1.0);
          gtk_grid_attach (GTK_GRID (grid), self->cells[i][c], c <= 1 ? c : c + 1, i + 1, 1, 1);
        }
      self->marks[i] = gtk_image_new ();
      gtk_widget_set_visible (self->marks[i], FALSE);
      gtk_grid_attach (GTK_GRID (grid), self->marks[i], 2, i + 1, 1, 1);
    }
  /* Figures read across: the values close to their names. */
  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  for (guint c = 1; c < N_COLUMNS; c++)
    gtk_widget_set_size_request (self->cells[0][c], 110, -1);

  return grid;
}

/* What the colours of the recorder mean, with the states' icons. */
static GtkWidget *
build_legend (void)
{
  static const PltAgentState states[] = {
    PLT_AGENT_STATE_AVAILABLE, PLT_AGENT_STATE_RINGING, PLT_AGENT_STATE_ON_CALL,
    PLT_AGENT_STATE_WRAP_UP, PLT_AGENT_STATE_PAUSED, PLT_AGENT_STATE_MISSED,
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

  gtk_widget_add_css_class (box, "recorder-legend");
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_image_new_from_icon_name (plt_agent_state_get_icon_name (states[i]));
      GtkWidget *label = gtk_label_new (plt_agent_state_get_label (states[i]));

      gtk_widget_add_css_class (item, plt_agent_state_get_css_class (states[i]));
      gtk_widget_add_css_class (swatch, "legend-swatch");
      gtk_box_append (GTK_BOX (item), swatch);
      gtk_box_append (GTK_BOX (item), label);
      gtk_box_append (GTK_BOX (box), item);
    }

  return box;
}

static GtkWidget *
build_day (PltOperatorPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_("The day"));
  GtkWidget *scale;
  GtkWidget *now = gtk_button_new_with_mnemonic (_("_Now"));
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_widget_add_css_class (title, "title-4");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (box), title);

  self->recorder = plt_flight_recorder_new ();
  gtk_frame_set_child (GTK_FRAME (frame), self->recorder);
  gtk_box_append (GTK_BOX (box), frame);
  g_signal_connect_object (self->recorder, "notify::position", G_CALLBACK (position_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), build_legend ());

  /* The plan above what the agent did, the exceptions to it marked */
  {
    GtkWidget *label = gtk_label_new (_("Plan and actual"));

    gtk_widget_add_css_class (label, "heading");
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_box_append (GTK_BOX (box), label);
    self->plan_strip = plt_plan_actual_strip_new ();
    gtk_box_append (GTK_BOX (box), self->plan_strip);
  }

  self->scrubber = gtk_adjustment_new (0, 0, 1, 60000, 600000, 0);
  scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->scrubber);
  gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
  gtk_scale_set_value_pos (GTK_SCALE (scale), GTK_POS_LEFT);
  gtk_scale_set_format_value_func (GTK_SCALE (scale), format_scrubber_cb, NULL, NULL);
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Moment of the day shown"), -1);
  g_object_bind_property (self->scrubber, "value", self->recorder, "position",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (row), scale);

  gtk_widget_set_tooltip_text (now, _("Ask the router for the day again, up to now"));
  g_signal_connect_object (now, "clicked", G_CALLBACK (now_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (row), now);
  gtk_box_append (GTK_BOX (box), row);

  self->moment_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->moment_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->moment_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->moment_label), TRUE);
  gtk_widget_add_css_class (self->moment_label, "operator-moment");
  gtk_box_append (GTK_BOX (box), self->moment_label);

  return box;
}

/* GObject -------------------------------------------------------------------------- */

static void
plt_operator_page_dispose (GObject *object)
{
  PltOperatorPage *self = PLT_OPERATOR_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->agent_signals != NULL)
    g_signal_group_set_target (self->agent_signals, NULL);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->agent_signals);
  g_clear_object (&self->agent);
  g_clear_object (&self->client);
  g_clear_object (&self->actions);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (plt_operator_page_parent_class)->dispose (object);
}

static void
plt_operator_page_finalize (GObject *object)
{
  PltOperatorPage *self = PLT_OPERATOR_PAGE (object);

  g_clear_pointer (&self->samples, g_ptr_array_unref);
  g_clear_pointer (&self->queues, g_strfreev);
  g_clear_pointer (&self->team_ids, g_strfreev);
  g_clear_pointer (&self->team_names, g_strfreev);
  for (guint i = 0; i < N_FIGURES; i++)
    for (guint c = 0; c < N_COLUMNS; c++)
      g_free (self->text[i][c]);

  G_OBJECT_CLASS (plt_operator_page_parent_class)->finalize (object);
}

static void
plt_operator_page_class_init (PltOperatorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_operator_page_dispose;
  object_class->finalize = plt_operator_page_finalize;

  signals[SIGNAL_BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Escape, 0, "back", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "back", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "operatorpage");
}

static void
plt_operator_page_init (PltOperatorPage *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  self->cancellable = g_cancellable_new ();
  self->period = PLT_OPERATOR_PERIOD_TODAY;
  plt_kpi_values_init (&self->mine);
  plt_kpi_values_init (&self->team);

  gtk_widget_add_css_class (content, "operator-content");
  gtk_box_append (GTK_BOX (content), build_header (self));
  gtk_box_append (GTK_BOX (content), build_period (self));

  self->status_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_widget_add_css_class (self->status_label, "dim-label");
  gtk_widget_set_visible (self->status_label, FALSE);
  gtk_box_append (GTK_BOX (content), self->status_label);

  self->table = build_table (self);
  gtk_box_append (GTK_BOX (content), self->table);
  gtk_box_append (GTK_BOX (content), build_day (self));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1200);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->agent_signals = g_signal_group_new (PLT_TYPE_AGENT);
  g_signal_group_connect_swapped (self->agent_signals, "notify::state", G_CALLBACK (update_header), self);
  g_signal_group_connect_swapped (self->agent_signals, "notify::reason", G_CALLBACK (update_header), self);

  update_period_label (self);
  update_table (self);
}

GtkWidget *
plt_operator_page_new (void)
{
  return g_object_new (PLT_TYPE_OPERATOR_PAGE, NULL);
}

void
plt_operator_page_set_client (PltOperatorPage *self,
                              PltClient       *client)
{
  g_return_if_fail (PLT_IS_OPERATOR_PAGE (self));
  g_return_if_fail (client == NULL || PLT_IS_CLIENT (client));

  g_set_object (&self->client, client);
}

void
plt_operator_page_set_actions (PltOperatorPage *self,
                               PltAgentActions *actions)
{
  g_return_if_fail (PLT_IS_OPERATOR_PAGE (self));

  g_set_object (&self->actions, actions);
}

void
plt_operator_page_set_settings (PltOperatorPage *self,
                                GSettings       *settings)
{
  g_return_if_fail (PLT_IS_OPERATOR_PAGE (self));

  if (g_set_object (&self->settings, settings))
    update_table (self);
}

void
plt_operator_page_set_agent (PltOperatorPage *self,
                             PltAgent        *agent)
{
  g_autofree char *mine = NULL;

  g_return_if_fail (PLT_IS_OPERATOR_PAGE (self));
  g_return_if_fail (agent == NULL || PLT_IS_AGENT (agent));

  /* Answers to questions about the previous agent are of no use. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->pending = 0;

  g_set_object (&self->agent, agent);
  g_signal_group_set_target (self->agent_signals, agent);

  update_header (self);
  ask_figures (self);
  ask_day (self);
}

PltAgent *
plt_operator_page_get_agent (PltOperatorPage *self)
{
  g_return_val_if_fail (PLT_IS_OPERATOR_PAGE (self), NULL);

  return self->agent;
}

void
plt_operator_page_set_period (PltOperatorPage   *self,
                              PltOperatorPeriod  period,
                              gint64             from,
                              gint64             to)
{
  g_return_if_fail (PLT_IS_OPERATOR_PAGE (self));
  g_return_if_fail (period != PLT_OPERATOR_PERIOD_CUSTOM || to > from);

  self->period = period;
  self->custom_from = from;
  self->custom_to = to;

  if (period == PLT_OPERATOR_PERIOD_TODAY)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->today_button), TRUE);
  else if (period == PLT_OPERATOR_PERIOD_WEEK)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->week_button), TRUE);
  else
    {
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->today_button), FALSE);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->week_button), FALSE);
    }

  ask_figures (self);
}

gboolean
_plt_operator_page_is_loading (PltOperatorPage *self)
{
  g_return_val_if_fail (PLT_IS_OPERATOR_PAGE (self), FALSE);

  return self->pending > 0;
}

GtkWidget *
_plt_operator_page_get_recorder (PltOperatorPage *self)
{
  g_return_val_if_fail (PLT_IS_OPERATOR_PAGE (self), NULL);

  return self->recorder;
}

char *
_plt_operator_page_dup_csv (PltOperatorPage *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *name;

  g_return_val_if_fail (PLT_IS_OPERATOR_PAGE (self), NULL);

  name = self->agent != NULL && plt_agent_get_name (self->agent) != NULL ? plt_agent_get_name (self->agent)
                                                                         : _("Operator");
  plt_csv_append_row (out, (const char * const[]) { _("Figure"), name, _("Team average"), _("Target"), NULL });
  for (guint i = 0; i < N_FIGURES; i++)
    plt_csv_append_row (out, (const char * const[]) { self->text[i][0], self->text[i][1],
                                                      self->text[i][2], self->text[i][3], NULL });

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
_plt_operator_page_dup_cell (PltOperatorPage *self,
                             guint            row,
                             guint            column)
{
  g_return_val_if_fail (PLT_IS_OPERATOR_PAGE (self), NULL);
  g_return_val_if_fail (row < N_FIGURES && column < N_COLUMNS, NULL);

  return g_strdup (self->text[row][column]);
}

guint
_plt_operator_page_get_n_rows (PltOperatorPage *self)
{
  return N_FIGURES;
}

const char *
_plt_operator_page_get_moment_text (PltOperatorPage *self)
{
  g_return_val_if_fail (PLT_IS_OPERATOR_PAGE (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->moment_label));
}
