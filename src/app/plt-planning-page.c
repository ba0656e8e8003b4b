/* plt-planning-page.c — the console's Planning page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "plt-coverage-chart.h"
#include "plt-export.h"
#include "plt-model.h"
#include "plt-planning-forecast.h"
#include "plt-planning-merge-dialog.h"
#include "plt-planning-page.h"
#include "plt-planning-print.h"
#include "plt-planning-review.h"
#include "plt-planning-state.h"
#include "plt-planning-templates.h"
#include "plt-protocol-planning.h"
#include "plt-queue.h"
#include "plt-store.h"
#include "plt-team.h"
#include "plt-timeline.h"

#define DEFAULT_ACTIVITY_MINUTES(kind) \
  ((kind) == PLT_ACTIVITY_BREAK ? 15 : (kind) == PLT_ACTIVITY_LUNCH ? 45 : \
   (kind) == PLT_ACTIVITY_MEETING ? 30 : 60)

/* What a week's planning.state told besides the days: for the review. */
typedef struct
{
  GPtrArray *comments;          /* PltPlanningComment */
  GPtrArray *audit;             /* PltPlanningAudit */
  gint64     published_revision;
  char      *published_by;
} WeekInfo;

/* A command to run once some weeks are loaded (copy or repeat onto weeks
 * the document does not hold yet). */
typedef struct
{
  GArray             *weeks;    /* PltWeek still to load */
  PltPlanningCommand *command;
} Deferred;

struct _PltPlanningPage
{
  GtkWidget             parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *toolbar;
  GtkDropDown          *team_dropdown;
  GtkMenuButton        *week_button;
  GtkCalendar          *calendar;
  GtkToggleButton      *week_toggle;
  GtkToggleButton      *day_toggle;
  GtkDropDown          *day_dropdown;
  GtkWidget            *sync_box;
  GtkImage             *sync_icon;
  GtkLabel             *sync_label;
  GtkWidget            *resolve_button;
  GtkWidget            *edit_box;
  GtkToggleButton      *snap_toggle;
  GtkLabel             *snap_label;
  GtkToggleButton      *problems_toggle;
  GtkWidget            *review_toggle;
  GtkWidget            *publish_button;
  GtkWidget            *menu_button;
  GtkStack             *stack;
  AdwStatusPage        *status_page;
  GtkPaned             *paned;
  PltTimeline          *timeline;
  GtkWidget            *side_revealer;
  GtkLabel             *problems_title;
  GtkLabel             *problems_summary;
  GtkListBox           *problems_list;
  GtkListBox           *templates_list;
  GtkLabel             *forecast_label;
  GtkDropDown          *queue_dropdown;
  GtkDropDown          *model_dropdown;
  GtkGrid              *what_if_grid;
  PltCoverageChart     *chart;
  PltPlanningReview    *review;
  GMenuModel           *block_menu;

  /* What-if controls */
  GtkAdjustment        *volume_adjustment;
  GtkAdjustment        *aht_adjustment;
  GtkAdjustment        *patience_adjustment;
  GtkAdjustment        *shrinkage_adjustment;
  GtkAdjustment        *target_adjustment;
  GtkAdjustment        *threshold_adjustment;

  GSimpleActionGroup   *actions;
  PltClient            *client;
  GSignalGroup         *client_signals;
  GtkStringList        *team_names;     /* shown in the drop-down */
  GPtrArray            *team_ids;       /* same order */
  GtkStringList        *queue_names;
  PltPlanningTemplates *templates;
  PltScenario          *scenario;       /* the demo's, for its forecast */
  GHashTable           *imported;       /* week → CSV text */
  char                 *forecast_source;

  char                 *team;
  PltWeek               week;
  GDate                 day;            /* the day view's */
  gboolean              day_mode;
  PltPlanningCaps       caps;

  PltPlanningDocument  *document;
  PltPlanningSync      *sync;
  GSignalGroup         *document_signals;
  GSignalGroup         *sync_signals;
  GSignalGroup         *undo_signals;
  char                 *boot_id;
  char                 *boot_error;
  GHashTable           *week_infos;     /* week string → WeekInfo */
  GPtrArray            *deferred;       /* Deferred */
  char                 *journal_dir;

  GtkWidget            *merge_dialog;
  GtkWidget            *publish_dialog;
  GtkWidget            *edit_popover;
  char                 *sync_text;
  char                 *last_toast;

  guint                 boot_serial;
  guint                 sync_failed : 1;
  guint                 demo_forecast : 1;
  guint                 updating_teams : 1;
  guint                 updating_days : 1;
};

G_DEFINE_FINAL_TYPE (PltPlanningPage, plt_planning_page, GTK_TYPE_WIDGET)

static void update_all (PltPlanningPage *self);
static void update_sync_status (PltPlanningPage *self);
static void update_actions (PltPlanningPage *self);
static void update_range (PltPlanningPage *self);
static void update_review (PltPlanningPage *self);
static void refresh_forecast (PltPlanningPage *self);
static void open_team (PltPlanningPage *self, const char *team);
static void toast (PltPlanningPage *self, const char *text);

static void
week_info_free (WeekInfo *info)
{
  g_clear_pointer (&info->comments, g_ptr_array_unref);
  g_clear_pointer (&info->audit, g_ptr_array_unref);
  g_free (info->published_by);
  g_free (info);
}

static void
deferred_free (Deferred *deferred)
{
  g_array_unref (deferred->weeks);
  plt_planning_command_unref (deferred->command);
  g_free (deferred);
}

/* ---------------------------------------------------------------------------
 * Helpers
 */

static char *
week_key (const PltWeek *week)
{
  return plt_week_to_string (week);
}

static const char *
team_name (PltPlanningPage *self,
           const char      *team)
{
  PltTeam *object;

  if (self->client == NULL || team == NULL)
    return team;

  object = plt_model_lookup_team (plt_client_get_model (self->client), team);
  if (object != NULL && plt_team_get_name (object) != NULL && plt_team_get_name (object)[0] != '\0')
    return plt_team_get_name (object);
  return team;
}

static GHashTable *
agent_names (PltPlanningPage *self)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *agents = self->document != NULL ? plt_planning_document_get_agents (self->document) : NULL;

  for (guint i = 0; agents != NULL && i < agents->len; i++)
    {
      const PltPlanningAgent *agent = g_ptr_array_index (agents, i);

      g_hash_table_insert (names, g_strdup (agent->id), g_strdup (agent->name != NULL ? agent->name : agent->id));
    }

  return names;
}

static const char *
agent_name (PltPlanningPage *self,
            const char      *id)
{
  const PltPlanningAgent *agent = self->document != NULL
                                  ? plt_planning_document_lookup_agent (self->document, id) : NULL;

  return agent != NULL && agent->name != NULL ? agent->name : id;
}

static gboolean
can (PltPlanningPage *self,
     PltPlanningCaps  cap)
{
  return (self->caps & cap) != 0;
}

static GtkWindow *
parent_window (PltPlanningPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (PltPlanningPage *self,
       const char      *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
}

static void
set_action_enabled (PltPlanningPage *self,
                    const char      *name,
                    gboolean         enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static guint
count_pending (PltPlanningPage *self)
{
  g_autoptr(GArray) weeks = NULL;
  guint n = 0;

  if (self->document == NULL)
    return 0;

  weeks = plt_planning_document_list_dirty_weeks (self->document);
  for (guint i = 0; i < weeks->len; i++)
    {
      g_autoptr(GPtrArray) pending = plt_planning_document_list_pending (self->document,
                                                                          &g_array_index (weeks, PltWeek, i));

      n += pending->len;
    }

  return n;
}

static char *
router_address (PltPlanningPage *self)
{
  g_autoptr(GUri) uri = NULL;
  const char *text = self->client != NULL ? plt_client_get_uri (self->client) : NULL;

  if (text != NULL)
    uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup ("router");
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

static char *
journal_path (PltPlanningPage *self,
              const char      *team)
{
  g_autofree char *address = router_address (self);
  g_autofree char *path = plt_journal_default_path (address, team);

  if (self->journal_dir != NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *folder = g_path_get_dirname (path);
      g_autofree char *router = g_path_get_basename (folder);

      return g_build_filename (self->journal_dir, router, base, NULL);
    }

  return g_steal_pointer (&path);
}

static gboolean
is_online (PltPlanningPage *self)
{
  return self->client != NULL && plt_client_get_state (self->client) == PLT_CONNECTION_STATE_LIVE;
}

static void
date_of_week_day (const PltWeek *week,
                  guint          index,
                  GDate         *date)
{
  g_date_clear (date, 1);
  plt_week_get_monday (week, date);
  g_date_add_days (date, index);
}

/* The local date of the keyboard cursor, in the week shown. */
static void
cursor_date (PltPlanningPage *self,
             GDate           *date)
{
  const PltSite *site = plt_timeline_get_site (self->timeline);
  PltWeek week;

  g_date_clear (date, 1);
  if (site == NULL)
    {
      *date = self->day;
      return;
    }

  plt_site_get_date (site, plt_timeline_get_cursor_time (self->timeline), date);
  plt_week_from_date (date, &week);
  if (!plt_week_equal (&week, &self->week))
    *date = self->day;
}

/* ---------------------------------------------------------------------------
 * Executing edits
 */

static gboolean
execute (PltPlanningPage    *self,
         PltPlanningCommand *command)
{
  g_autoptr(GError) error = NULL;

  if (self->document == NULL || command == NULL || !can (self, PLT_PLANNING_CAN_EDIT))
    return FALSE;

  if (!plt_planning_document_execute (self->document, command, &error))
    {
      toast (self, error->message);
      return FALSE;
    }

  return TRUE;
}

/* Several commands as one edit: applied in turn to a copy of the draft,
 * then the days they produce replace the draft's at once (one undo). */
static gboolean
execute_batch (PltPlanningPage *self,
               GPtrArray       *commands,
               const char      *label)
{
  g_autoptr(PltSchedule) scratch = NULL;
  g_autoptr(GHashTable) touched = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(PltPlanningCommand) batch = NULL;
  PltCommandContext ctx;
  GHashTableIter iter;
  gpointer key;

  if (self->document == NULL || commands->len == 0)
    return FALSE;
  if (commands->len == 1)
    return execute (self, g_ptr_array_index (commands, 0));

  scratch = plt_schedule_copy (plt_planning_document_get_draft (self->document));
  touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx.schedule = scratch;
  ctx.site = plt_planning_document_get_site (self->document);
  ctx.agents = plt_planning_document_get_agents (self->document);
  ctx.snap_minutes = plt_planning_document_get_snap_minutes (self->document);
  ctx.id_prefix = plt_planning_document_get_client_id (self->document);

  for (guint i = 0; i < commands->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) produced = plt_planning_command_apply (g_ptr_array_index (commands, i), &ctx, &error);

      if (produced == NULL)
        {
          toast (self, error->message);
          return FALSE;
        }
      /* Emptied days first, so that a shift moving between two of them
       * never has two owners. */
      for (int pass = 0; pass < 2; pass++)
        for (guint j = 0; j < produced->len; j++)
          {
            PltAgentDay *day = g_ptr_array_index (produced, j);

            if ((pass == 0) != plt_agent_day_is_empty (day))
              continue;
            plt_schedule_put_day_renaming (scratch, day);
            g_hash_table_add (touched, plt_agent_day_key (day->agent, &day->date));
          }
    }

  days = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_day_unref);
  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *agent = NULL;
      GDate date;

      g_date_clear (&date, 1);
      if (plt_agent_day_key_parse (key, &agent, &date))
        g_ptr_array_add (days, plt_schedule_dup_day (scratch, agent, &date));
    }

  batch = plt_planning_command_set_days (days, label);
  return execute (self, batch);
}

static gboolean
week_loaded (PltPlanningPage *self,
             const PltWeek   *week)
{
  return self->document != NULL && plt_planning_document_has_week (self->document, week);
}

/* Runs @command now if the weeks it writes are loaded, else loads them
 * and runs it when they are. */
static void
execute_after_loading (PltPlanningPage    *self,
                       PltPlanningCommand *command,
                       const PltWeek      *weeks,
                       guint               n_weeks)
{
  Deferred *deferred = g_new0 (Deferred, 1);

  deferred->weeks = g_array_new (FALSE, FALSE, sizeof (PltWeek));
  deferred->command = plt_planning_command_ref (command);
  for (guint i = 0; i < n_weeks; i++)
    if (!week_loaded (self, &weeks[i]))
      {
        g_array_append_val (deferred->weeks, weeks[i]);
        if (self->sync != NULL)
          plt_planning_sync_load (self->sync, &weeks[i]);
      }

  if (deferred->weeks->len == 0)
    {
      execute (self, command);
      deferred_free (deferred);
      return;
    }

  g_ptr_array_add (self->deferred, deferred);
}

static void
run_deferred (PltPlanningPage *self)
{
  for (guint i = 0; i < self->deferred->len; i++)
    {
      Deferred *deferred = g_ptr_array_index (self->deferred, i);

      for (guint j = 0; j < deferred->weeks->len; j++)
        if (week_loaded (self, &g_array_index (deferred->weeks, PltWeek, j)))
          g_array_remove_index (deferred->weeks, j--);

      if (deferred->weeks->len == 0)
        {
          execute (self, deferred->command);
          g_ptr_array_remove_index (self->deferred, i--);
        }
    }
}

/* ---------------------------------------------------------------------------
 * Status: saving, role, what is shown
 */

static void
update_sync_status (PltPlanningPage *self)
{
  PltSyncState state = { 0 };
  g_autofree char *text = NULL;
  const char *icon = NULL;
  const char *css = NULL;
  static const char *classes[] = { "success", "warning", "error", "dim-label" };
  PltSyncStatus status;

  state.online = is_online (self);
  state.busy = self->sync != NULL && plt_planning_sync_get_busy (self->sync);
  state.n_pending = count_pending (self);
  state.n_conflicts = self->document != NULL ? plt_planning_document_get_conflicts (self->document)->len : 0;
  state.failed = self->sync_failed;
  state.read_only = !can (self, PLT_PLANNING_CAN_EDIT);

  status = plt_sync_state_describe (&state, &text, &icon, &css);

  gtk_label_set_label (self->sync_label, text);
  gtk_image_set_from_icon_name (self->sync_icon, icon);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (self->sync_box, classes[i]);
  gtk_widget_add_css_class (self->sync_box, css);
  gtk_widget_set_visible (self->resolve_button, status == PLT_SYNC_STATUS_CONFLICT);
  gtk_widget_set_visible (self->sync_box, self->document != NULL);
  gtk_widget_set_tooltip_text (self->sync_box,
                               status == PLT_SYNC_STATUS_OFFLINE
                               ? _("The changes are kept in a journal on this computer and saved when the router is back")
                               : status == PLT_SYNC_STATUS_CONFLICT
                               ? _("Someone else changed the same agents’ days: choose which version to keep")
                               : NULL);

  g_free (self->sync_text);
  self->sync_text = g_steal_pointer (&text);

  update_actions (self);
}

static void
update_actions (PltPlanningPage *self)
{
  PltUndoStack *undo = self->document != NULL ? plt_planning_document_get_undo_stack (self->document) : NULL;
  gboolean edit = self->document != NULL && can (self, PLT_PLANNING_CAN_EDIT);
  gboolean editing_view = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "edit") == 0;
  g_autofree char *focus_shift = NULL;
  int focus_activity = -1;
  gboolean block = plt_timeline_get_focus (self->timeline, &focus_shift, &focus_activity);
  gboolean pending = count_pending (self) > 0;
  gboolean conflicts = self->document != NULL && plt_planning_document_get_conflicts (self->document)->len > 0;

  set_action_enabled (self, "undo", edit && editing_view && plt_undo_stack_can_undo (undo));
  set_action_enabled (self, "redo", edit && editing_view && plt_undo_stack_can_redo (undo));
  set_action_enabled (self, "save", edit && pending && !conflicts);
  set_action_enabled (self, "snap-quarter", edit);
  set_action_enabled (self, "copy-day", edit && editing_view && plt_timeline_get_focus_agent (self->timeline) != NULL);
  set_action_enabled (self, "copy-week", edit && editing_view);
  set_action_enabled (self, "apply-template", edit && editing_view && plt_timeline_get_focus_agent (self->timeline) != NULL);
  set_action_enabled (self, "apply-pattern", edit && editing_view && plt_timeline_get_focus_agent (self->timeline) != NULL);
  set_action_enabled (self, "repeat-weeks", edit && editing_view);
  set_action_enabled (self, "edit-block", edit && block);
  set_action_enabled (self, "split", edit && block);
  set_action_enabled (self, "delete", edit && block);
  set_action_enabled (self, "add-activity", edit && block);
  set_action_enabled (self, "save-template", edit && block && focus_activity < 0);
  set_action_enabled (self, "new-shift", edit && plt_timeline_get_focus_agent (self->timeline) != NULL);
  set_action_enabled (self, "review", self->document != NULL && can (self, PLT_PLANNING_CAN_REVIEW));
  set_action_enabled (self, "publish", self->document != NULL && can (self, PLT_PLANNING_CAN_PUBLISH));
  set_action_enabled (self, "resolve", edit && conflicts);
  set_action_enabled (self, "export-csv", self->document != NULL);
  set_action_enabled (self, "export-ical", self->document != NULL);
  set_action_enabled (self, "export-pdf", self->document != NULL);
  set_action_enabled (self, "print", self->document != NULL);
  set_action_enabled (self, "import-forecast", self->document != NULL);

  gtk_widget_set_visible (self->edit_box, can (self, PLT_PLANNING_CAN_EDIT));
  /* Rules and templates are the planners': an agent sees their days only */
  gtk_widget_set_visible (self->side_revealer, can (self, PLT_PLANNING_CAN_EDIT));
  gtk_widget_set_visible (self->review_toggle, can (self, PLT_PLANNING_CAN_REVIEW));
  gtk_widget_set_visible (self->publish_button, can (self, PLT_PLANNING_CAN_PUBLISH));
}

static void
show_status (PltPlanningPage *self,
             const char      *icon,
             const char      *title,
             const char      *description)
{
  adw_status_page_set_icon_name (self->status_page, icon);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "status");
}

static void
show_content (PltPlanningPage *self)
{
  GVariant *state = g_action_group_get_action_state (G_ACTION_GROUP (self->actions), "review");
  gboolean review = state != NULL && g_variant_get_boolean (state);

  if (state != NULL)
    g_variant_unref (state);

  if (self->document == NULL)
    return;

  gtk_stack_set_visible_child_name (self->stack, review && can (self, PLT_PLANNING_CAN_REVIEW) ? "review" : "edit");
  update_actions (self);
}

static void
update_caps (PltPlanningPage *self)
{
  const char *role = self->client != NULL ? plt_client_get_role (self->client) : NULL;

  self->caps = plt_planning_caps_for_role (role);
  plt_timeline_set_editable (self->timeline, can (self, PLT_PLANNING_CAN_EDIT));
  plt_timeline_set_context_menu (self->timeline, can (self, PLT_PLANNING_CAN_EDIT) ? self->block_menu : NULL);
  plt_planning_review_set_can_comment (self->review, can (self, PLT_PLANNING_CAN_COMMENT));
  gtk_widget_set_visible (GTK_WIDGET (self->templates_list), can (self, PLT_PLANNING_CAN_EDIT));

  if (self->client != NULL && self->caps == 0)
    show_status (self, "changes-prevent-symbolic", _("No plannings for this account"),
                 _("Wallboard accounts do not see plannings. Log in as a supervisor, a manager or an agent."));
  update_sync_status (self);
}

/* ---------------------------------------------------------------------------
 * The week and the day shown
 */

static void
update_day_dropdown (PltPlanningPage *self)
{
  g_autoptr(GtkStringList) days = gtk_string_list_new (NULL);
  GDate date;

  self->updating_days = TRUE;
  for (guint i = 0; i < 7; i++)
    {
      char buffer[64];

      date_of_week_day (&self->week, i, &date);
      /* Translators: strftime format of a day in the day chooser, "Tuesday 24" */
      if (g_date_strftime (buffer, sizeof buffer, _("%A %d"), &date) == 0)
        buffer[0] = '\0';
      gtk_string_list_append (days, buffer);
    }
  gtk_drop_down_set_model (self->day_dropdown, G_LIST_MODEL (days));
  gtk_drop_down_set_selected (self->day_dropdown, (g_date_get_weekday (&self->day) - G_DATE_MONDAY));
  self->updating_days = FALSE;
}

static void
update_range (PltPlanningPage *self)
{
  GDate monday;
  g_autofree char *title = plt_planning_week_title (&self->week);

  g_date_clear (&monday, 1);
  plt_week_get_monday (&self->week, &monday);

  gtk_menu_button_set_label (self->week_button, title);
  gtk_widget_set_visible (GTK_WIDGET (self->day_dropdown), self->day_mode);
  gtk_toggle_button_set_active (self->week_toggle, !self->day_mode);
  gtk_toggle_button_set_active (self->day_toggle, self->day_mode);

  if (self->day_mode)
    plt_timeline_set_range (self->timeline, &self->day, 1);
  else
    plt_timeline_set_range (self->timeline, &monday, 7);
  plt_planning_review_set_range (self->review, self->day_mode ? &self->day : &monday, self->day_mode ? 1 : 7);
}

static void
set_week (PltPlanningPage *self,
          const PltWeek   *week)
{
  PltWeek day_week;
  gboolean changed = !plt_week_equal (week, &self->week);

  self->week = *week;

  /* The day view keeps its weekday in the new week. */
  plt_week_from_date (&self->day, &day_week);
  if (!plt_week_equal (&day_week, week))
    {
      GDateWeekday weekday = g_date_valid (&self->day) ? g_date_get_weekday (&self->day) : G_DATE_MONDAY;

      date_of_week_day (week, weekday - G_DATE_MONDAY, &self->day);
    }

  update_day_dropdown (self);
  update_range (self);

  if (self->sync != NULL && !week_loaded (self, week))
    plt_planning_sync_load (self->sync, week);

  if (changed)
    refresh_forecast (self);
  update_review (self);
  update_actions (self);
}

static void
calendar_day_selected_cb (PltPlanningPage *self)
{
  g_autoptr(GDateTime) selected = gtk_calendar_get_date (self->calendar);
  GDate date;
  PltWeek week;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (selected), g_date_time_get_month (selected),
                  g_date_time_get_year (selected));
  plt_week_from_date (&date, &week);
  self->day = date;
  set_week (self, &week);
  gtk_menu_button_popdown (self->week_button);
}

static void
day_selected_cb (PltPlanningPage *self)
{
  guint index = gtk_drop_down_get_selected (self->day_dropdown);

  if (self->updating_days || index == GTK_INVALID_LIST_POSITION || index > 6)
    return;

  date_of_week_day (&self->week, index, &self->day);
  update_range (self);
}

/* ---------------------------------------------------------------------------
 * The forecast under the timeline
 */

static void
set_queue_names (PltPlanningPage *self)
{
  PltForecast *forecast = plt_coverage_chart_get_forecast (self->chart);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("All queues"));
  for (guint i = 0; forecast != NULL && i < plt_forecast_get_n_queues (forecast); i++)
    {
      const char *id = plt_forecast_get_queue (forecast, i);
      PltQueue *queue = self->client != NULL ? plt_model_lookup_queue (plt_client_get_model (self->client), id) : NULL;
      const char *name = queue != NULL ? plt_queue_get_name (queue) : NULL;

      gtk_string_list_append (names, name != NULL && name[0] != '\0' ? name : id);
    }
  g_set_object (&self->queue_names, names);
  gtk_drop_down_set_model (self->queue_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->queue_dropdown, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->queue_dropdown), forecast != NULL);
}

static void
read_what_if (PltPlanningPage *self,
              PltWhatIf       *what_if)
{
  plt_what_if_init (what_if);
  what_if->model = gtk_drop_down_get_selected (self->model_dropdown) == 1 ? PLT_STAFFING_ERLANG_C
                                                                          : PLT_STAFFING_ERLANG_A;
  what_if->volume_factor = 1.0 + gtk_adjustment_get_value (self->volume_adjustment) / 100.0;
  what_if->aht_factor = 1.0 + gtk_adjustment_get_value (self->aht_adjustment) / 100.0;
  what_if->patience_s = gtk_adjustment_get_value (self->patience_adjustment);
  what_if->shrinkage = gtk_adjustment_get_value (self->shrinkage_adjustment) / 100.0;
  what_if->service_level = gtk_adjustment_get_value (self->target_adjustment) / 100.0;
  what_if->t_s = gtk_adjustment_get_value (self->threshold_adjustment);
}

static void
set_forecast (PltPlanningPage *self,
              PltForecast     *forecast,
              const char      *source)
{
  g_autoptr(GError) error = NULL;
  PltWhatIf what_if;

  read_what_if (self, &what_if);
  if (!plt_coverage_chart_set_forecast (self->chart, forecast, &what_if, &error))
    toast (self, error->message);

  g_free (self->forecast_source);
  self->forecast_source = g_strdup (source);
  gtk_label_set_label (self->forecast_label, source != NULL ? source : _("No forecast for this week"));
  set_queue_names (self);
}

static void
refresh_forecast (PltPlanningPage *self)
{
  g_autofree char *key = week_key (&self->week);
  const char *csv = g_hash_table_lookup (self->imported, key);
  const PltSite *site = self->document != NULL ? plt_planning_document_get_site (self->document) : NULL;

  if (site == NULL)
    {
      set_forecast (self, NULL, NULL);
      return;
    }

  if (csv != NULL)
    {
      g_autoptr(PltForecast) forecast = plt_forecast_new_for_week (site, &self->week);

      if (plt_forecast_import_csv (forecast, site, csv, -1, NULL, NULL))
        {
          set_forecast (self, g_steal_pointer (&forecast), _("Forecast: imported from a CSV file"));
          return;
        }
    }

  if (self->demo_forecast && self->team != NULL)
    {
      PltForecast *forecast;

      if (self->scenario == NULL)
        self->scenario = plt_scenario_new_demo ();
      forecast = plt_planning_forecast_from_scenario (self->scenario, self->team, site, &self->week);
      if (forecast != NULL)
        {
          set_forecast (self, forecast, _("Forecast: the demo’s traffic, the team’s share of its queues"));
          return;
        }
    }

  set_forecast (self, NULL, NULL);
}

static void
what_if_changed_cb (PltPlanningPage *self)
{
  g_autoptr(GError) error = NULL;
  PltWhatIf what_if;

  read_what_if (self, &what_if);
  gtk_widget_set_sensitive (GTK_WIDGET (gtk_grid_get_child_at (self->what_if_grid, 1, 2)),
                            what_if.model == PLT_STAFFING_ERLANG_A);
  if (!plt_coverage_chart_set_what_if (self->chart, &what_if, &error))
    toast (self, error->message);
}

static void
queue_selected_cb (PltPlanningPage *self)
{
  guint index = gtk_drop_down_get_selected (self->queue_dropdown);

  plt_coverage_chart_set_queue (self->chart, index == GTK_INVALID_LIST_POSITION || index == 0 ? -1 : (int) index - 1);
}

static void
reset_what_if_cb (PltPlanningPage *self)
{
  PltWhatIf defaults;

  plt_what_if_init (&defaults);
  gtk_adjustment_set_value (self->volume_adjustment, 0);
  gtk_adjustment_set_value (self->aht_adjustment, 0);
  gtk_adjustment_set_value (self->patience_adjustment, defaults.patience_s);
  gtk_adjustment_set_value (self->shrinkage_adjustment, defaults.shrinkage * 100);
  gtk_adjustment_set_value (self->target_adjustment, defaults.service_level * 100);
  gtk_adjustment_set_value (self->threshold_adjustment, defaults.t_s);
}

static GtkAdjustment *
add_what_if_row (PltPlanningPage *self,
                 int              row,
                 const char      *label,
                 const char      *unit,
                 double           value,
                 double           lower,
                 double           upper,
                 double           step,
                 gboolean         scale)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (value, lower, upper, step, step * 5, 0);
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *suffix = gtk_label_new (unit);
  GtkWidget *control;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  if (scale)
    {
      control = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, adjustment);
      gtk_scale_set_draw_value (GTK_SCALE (control), TRUE);
      gtk_scale_set_value_pos (GTK_SCALE (control), GTK_POS_RIGHT);
      gtk_scale_set_digits (GTK_SCALE (control), 0);
      gtk_widget_set_size_request (control, 200, -1);
    }
  else
    {
      control = gtk_spin_button_new (adjustment, step, 0);
      gtk_widget_set_halign (control, GTK_ALIGN_START);
    }
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), control);
  gtk_widget_add_css_class (suffix, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (suffix), 0);

  gtk_grid_attach (self->what_if_grid, title, 0, row, 1, 1);
  gtk_grid_attach (self->what_if_grid, control, 1, row, 1, 1);
  gtk_grid_attach (self->what_if_grid, suffix, 2, row, 1, 1);

  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (what_if_changed_cb), self);
  return adjustment;
}

static void
build_what_if (PltPlanningPage *self)
{
  PltWhatIf defaults;
  GtkWidget *reset;

  plt_what_if_init (&defaults);
  self->volume_adjustment = add_what_if_row (self, 0, _("_Volume"), _("% more or less calls"), 0, -50, 100, 5, TRUE);
  self->aht_adjustment = add_what_if_row (self, 1, _("_Handle time"), _("% longer or shorter"), 0, -50, 100, 5, TRUE);
  self->patience_adjustment = add_what_if_row (self, 2, _("_Patience"), _("seconds before callers hang up"),
                                               defaults.patience_s, 5, 1800, 5, FALSE);
  self->shrinkage_adjustment = add_what_if_row (self, 3, _("_Shrinkage"), _("% of scheduled time lost"),
                                                defaults.shrinkage * 100, 0, 70, 1, TRUE);
  self->target_adjustment = add_what_if_row (self, 4, _("_Target"), _("% of calls answered…"),
                                             defaults.service_level * 100, 50, 99, 1, FALSE);
  self->threshold_adjustment = add_what_if_row (self, 5, _("_Within"), _("seconds"),
                                                defaults.t_s, 5, 600, 5, FALSE);

  reset = gtk_button_new_with_mnemonic (_("_Reset"));
  gtk_widget_set_halign (reset, GTK_ALIGN_END);
  g_signal_connect_swapped (reset, "clicked", G_CALLBACK (reset_what_if_cb), self);
  gtk_grid_attach (self->what_if_grid, reset, 0, 6, 3, 1);
}

/* ---------------------------------------------------------------------------
 * Problems and templates in the side pane
 */

static void
problem_activated_cb (PltPlanningPage *self,
                      GtkListBoxRow   *row)
{
  const char *agent = g_object_get_data (G_OBJECT (row), "agent");
  gint64 *start = g_object_get_data (G_OBJECT (row), "start");
  GDate *date = g_object_get_data (G_OBJECT (row), "date");

  if (agent == NULL || start == NULL)
    return;

  /* The day view goes to the problem's day first. */
  if (self->day_mode && date != NULL && g_date_compare (date, &self->day) != 0)
    {
      self->day = *date;
      update_day_dropdown (self);
      update_range (self);
    }

  plt_timeline_scroll_to (self->timeline, agent, *start);
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
}

static GtkWidget *
problem_row (PltPlanningPage    *self,
             const PltViolation *violation)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon;
  GtkWidget *title;
  GtkWidget *message;
  g_autofree char *heading = NULL;
  gboolean error = violation->severity == PLT_SEVERITY_ERROR;

  icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, error ? _("Error") : _("Warning"),
                                  -1);

  /* Translators: a problem's heading: the agent and the rule */
  heading = g_strdup_printf (_("%s — %s"), agent_name (self, violation->agent), plt_rule_id_get_label (violation->rule));
  title = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "caption-heading");

  message = gtk_label_new (violation->message);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (message), 30);
  gtk_widget_add_css_class (message, "caption");

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), message);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "agent", g_strdup (violation->agent), g_free);
  g_object_set_data_full (G_OBJECT (row), "start", g_memdup2 (&violation->start, sizeof violation->start), g_free);
  g_object_set_data_full (G_OBJECT (row), "date", g_memdup2 (&violation->date, sizeof violation->date), g_free);

  return row;
}

static void
timeline_violations_changed_cb (PltPlanningPage *self)
{
  g_autoptr(GPtrArray) violations = plt_timeline_get_violations (self->timeline);
  guint errors = plt_timeline_count_violations (self->timeline, PLT_SEVERITY_ERROR);
  guint warnings = plt_timeline_count_violations (self->timeline, PLT_SEVERITY_WARNING);
  g_autofree char *summary = NULL;
  GtkWidget *child;
  const guint max_rows = 300;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);

  for (guint i = 0; i < violations->len && i < max_rows; i++)
    gtk_list_box_append (self->problems_list, problem_row (self, g_ptr_array_index (violations, i)));

  if (errors == 0 && warnings == 0)
    summary = g_strdup (_("The week follows every rule"));
  else
    {
      g_autofree char *e = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors), errors);
      g_autofree char *w = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings), warnings);

      /* Translators: "2 errors, 5 warnings" */
      summary = g_strdup_printf (_("%s, %s"), e, w);
      if (violations->len > max_rows)
        {
          g_autofree char *more = g_strdup_printf (_(" (the first %u shown)"), max_rows);

          summary = g_strconcat (summary, more, NULL);
        }
    }
  gtk_label_set_label (self->problems_summary, summary);

  gtk_widget_remove_css_class (GTK_WIDGET (self->problems_toggle), "error");
  if (errors > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->problems_toggle), "error");
}

static GdkContentProvider *
template_drag_prepare_cb (GtkDragSource *source,
                          double         x,
                          double         y,
                          const char    *id)
{
  g_autofree char *text = g_strconcat ("plateau-template:", id, NULL);

  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

static void
apply_template_to (PltPlanningPage        *self,
                   const PltShiftTemplate *tmpl,
                   const char             *agent,
                   const GDate            *date)
{
  g_autoptr(PltPlanningCommand) command = plt_planning_command_apply_template (agent, date, tmpl);

  execute (self, command);
}

static void
template_row_activated_cb (PltPlanningPage *self,
                           GtkListBoxRow   *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "template");
  const PltShiftTemplate *tmpl = plt_planning_templates_lookup (self->templates, id);
  const char *agent = plt_timeline_get_focus_agent (self->timeline);
  GDate date;

  if (tmpl == NULL || agent == NULL)
    {
      toast (self, _("Choose an agent’s day in the timeline first"));
      return;
    }

  cursor_date (self, &date);
  apply_template_to (self, tmpl, agent, &date);
}

static void
build_templates_list (PltPlanningPage *self)
{
  GPtrArray *templates = plt_planning_templates_get_templates (self->templates);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->templates_list))) != NULL)
    gtk_list_box_remove (self->templates_list, child);

  for (guint i = 0; i < templates->len; i++)
    {
      const PltShiftTemplate *tmpl = g_ptr_array_index (templates, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
      GtkWidget *label = gtk_label_new (tmpl->name);
      GtkDragSource *source = gtk_drag_source_new ();

      gtk_widget_add_css_class (handle, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), handle);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_tooltip_text (row, _("Drag onto an agent’s day, or press Enter to apply it to the day selected in the timeline"));
      g_object_set_data_full (G_OBJECT (row), "template", g_strdup (tmpl->id), g_free);

      gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
      g_signal_connect_data (source, "prepare", G_CALLBACK (template_drag_prepare_cb),
                             g_strdup (tmpl->id), (GClosureNotify) (void (*) (void)) g_free, 0);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

      gtk_list_box_append (self->templates_list, row);
    }
}

static void
timeline_template_dropped_cb (PltPlanningPage *self,
                              const char      *template_id,
                              const char      *agent,
                              const char      *date_text)
{
  const PltShiftTemplate *tmpl = plt_planning_templates_lookup (self->templates, template_id);
  GDate date;

  if (tmpl == NULL || !plt_date_from_string (date_text, &date))
    return;

  apply_template_to (self, tmpl, agent, &date);
}

/* ---------------------------------------------------------------------------
 * The timeline's signals
 */

static void
timeline_focus_changed_cb (PltPlanningPage *self)
{
  update_actions (self);
}

static void
timeline_edit_failed_cb (PltPlanningPage *self,
                         const char      *message)
{
  toast (self, message);
}

/* The editor of a block: its kind (for an activity), its start and end. */

static gboolean
time_spin_output_cb (GtkSpinButton *spin)
{
  int minutes = (int) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = g_strdup_printf ("%02d:%02d", (minutes / 60) % 24, minutes % 60);

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
time_spin_input_cb (GtkSpinButton *spin,
                    double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  int h = 0, m = 0;

  if (sscanf (text, "%d:%d", &h, &m) < 1 || h < 0 || h > 24 || m < 0 || m > 59)
    return GTK_INPUT_ERROR;

  *value = h * 60 + m;
  return TRUE;
}

static GtkWidget *
time_spin_new (int minutes)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (minutes, 0, 24 * 60, 5, 60, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, 5, 0);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  g_signal_connect (spin, "output", G_CALLBACK (time_spin_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (time_spin_input_cb), NULL);
  return spin;
}

typedef struct
{
  PltPlanningPage *page;
  char            *shift_id;
  int              activity;
  GDate            date;
  GtkWidget       *kind;
  GtkWidget       *start;
  GtkWidget       *end;
} BlockEditor;

static void
block_editor_free (BlockEditor *editor)
{
  g_free (editor->shift_id);
  g_free (editor);
}

static gint64
editor_time (BlockEditor *editor,
             GtkWidget   *spin,
             gint64       after)
{
  const PltSite *site = plt_planning_document_get_site (editor->page->document);
  int minutes = (int) gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));
  gint64 time = plt_site_local_time (site, &editor->date, minutes);

  /* An end at or before the start is on the next day. */
  while (after > 0 && time <= after)
    {
      GDate next = editor->date;

      g_date_add_days (&next, 1);
      time = plt_site_local_time (site, &next, minutes);
      if (time <= after)
        break;
    }

  return time;
}

static void
block_editor_apply_cb (GtkButton   *button,
                       BlockEditor *editor)
{
  PltPlanningPage *self = editor->page;
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_command_unref);
  gint64 start, end;

  start = editor_time (editor, editor->start, 0);
  end = editor_time (editor, editor->end, start);

  if (editor->activity < 0)
    g_ptr_array_add (commands, plt_planning_command_resize_shift (editor->shift_id, start, end));
  else
    {
      guint kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (editor->kind));

      g_ptr_array_add (commands, plt_planning_command_resize_activity (editor->shift_id, (guint) editor->activity,
                                                                       start, end));
      g_ptr_array_add (commands, plt_planning_command_set_activity (editor->shift_id, (guint) editor->activity,
                                                                    (PltActivityKind) kind, NULL));
    }

  execute_batch (self, commands, editor->activity < 0 ? _("Resize shift") : _("Change activity"));
  gtk_popover_popdown (GTK_POPOVER (self->edit_popover));
}

static void
edit_popover_closed_cb (PltPlanningPage *self)
{
  GtkWidget *popover = g_steal_pointer (&self->edit_popover);

  if (popover != NULL)
    gtk_widget_unparent (popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
}

static void
open_block_editor (PltPlanningPage *self)
{
  g_autofree char *shift_id = NULL;
  const PltShift *shift = NULL;
  const PltSite *site;
  BlockEditor *editor;
  GtkWidget *grid, *button, *label;
  GdkRectangle rect;
  int activity = -1;
  gint64 start, end;

  if (self->document == NULL || !plt_timeline_get_focus (self->timeline, &shift_id, &activity) ||
      plt_schedule_find_shift (plt_planning_document_get_draft (self->document), shift_id, &shift) == NULL)
    return;

  site = plt_planning_document_get_site (self->document);
  if (activity >= 0)
    {
      const PltActivity *a = g_ptr_array_index (shift->activities, activity);

      start = a->start;
      end = a->end;
    }
  else
    {
      start = shift->start;
      end = shift->end;
    }

  editor = g_new0 (BlockEditor, 1);
  editor->page = self;
  editor->shift_id = g_strdup (shift_id);
  editor->activity = activity;
  g_date_clear (&editor->date, 1);
  plt_site_get_date (site, start, &editor->date);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  label = gtk_label_new (activity >= 0 ? _("Edit the activity") : _("Edit the shift"));
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 2, 1);

  if (activity >= 0)
    {
      g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
      const PltActivity *a = g_ptr_array_index (shift->activities, activity);

      for (guint k = 0; k < PLT_ACTIVITY_N_KINDS; k++)
        gtk_string_list_append (kinds, plt_activity_kind_get_label (k));
      editor->kind = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kinds)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (editor->kind), a->kind);
      label = gtk_label_new_with_mnemonic (_("_Activity"));
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), editor->kind);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), editor->kind, 1, 1, 1, 1);
    }

  editor->start = time_spin_new (plt_site_minute_of_day (site, start));
  label = gtk_label_new_with_mnemonic (_("_Starts at"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), editor->start);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), editor->start, 1, 2, 1, 1);

  editor->end = time_spin_new (plt_site_minute_of_day (site, end) % (24 * 60));
  label = gtk_label_new_with_mnemonic (_("_Ends at"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), editor->end);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), editor->end, 1, 3, 1, 1);

  button = gtk_button_new_with_mnemonic (_("_Apply"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  g_signal_connect_data (button, "clicked", G_CALLBACK (block_editor_apply_cb), editor,
                         (GClosureNotify) (void (*) (void)) block_editor_free, 0);
  gtk_grid_attach (GTK_GRID (grid), button, 0, 4, 2, 1);

  if (self->edit_popover != NULL)
    gtk_widget_unparent (g_steal_pointer (&self->edit_popover));
  self->edit_popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->edit_popover), grid);
  gtk_popover_set_default_widget (GTK_POPOVER (self->edit_popover), button);
  gtk_widget_set_parent (self->edit_popover, GTK_WIDGET (self->timeline));
  g_signal_connect_swapped (self->edit_popover, "closed", G_CALLBACK (edit_popover_closed_cb), self);
  if (plt_timeline_get_focus_rect (self->timeline, &rect))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->edit_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->edit_popover));
  gtk_widget_grab_focus (editor->start);
}

static void
timeline_activate_block_cb (PltPlanningPage *self,
                            const char      *shift_id,
                            int              activity)
{
  if (can (self, PLT_PLANNING_CAN_EDIT))
    open_block_editor (self);
}

/* ---------------------------------------------------------------------------
 * The review
 */

static void
update_review (PltPlanningPage *self)
{
  g_autofree char *key = week_key (&self->week);
  WeekInfo *info = g_hash_table_lookup (self->week_infos, key);
  PltSchedule *published;
  gint64 version = 0;

  if (self->document == NULL || !week_loaded (self, &self->week))
    return;

  published = plt_planning_document_get_published (self->document, &self->week, &version);
  plt_planning_review_set_team_name (self->review, self->team, team_name (self, self->team));
  plt_planning_review_set_data (self->review,
                                plt_planning_document_get_draft (self->document),
                                plt_planning_document_get_revision (self->document, &self->week),
                                published, version,
                                info != NULL ? info->published_revision : 0,
                                info != NULL ? info->published_by : NULL,
                                plt_planning_document_get_agents (self->document),
                                plt_planning_document_get_site (self->document),
                                info != NULL ? info->audit : NULL,
                                info != NULL ? info->comments : NULL);
}

static void
review_comment_cb (PltPlanningPage *self,
                   const char      *text,
                   const char      *agent,
                   const char      *date_text)
{
  GDate date;

  if (self->sync == NULL || !can (self, PLT_PLANNING_CAN_COMMENT))
    return;

  g_date_clear (&date, 1);
  plt_planning_sync_comment (self->sync, &self->week, text, agent,
                             date_text != NULL && plt_date_from_string (date_text, &date) ? &date : NULL);
  /* The comments come back with the week */
  plt_planning_sync_load (self->sync, &self->week);
}

/* ---------------------------------------------------------------------------
 * The document and its sync
 */

static void
keep_week_info (PltPlanningPage          *self,
                const PltPlanningMessage *state)
{
  WeekInfo *info = g_new0 (WeekInfo, 1);

  info->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_comment_free);
  info->audit = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_audit_free);
  for (guint i = 0; state->comments != NULL && i < state->comments->len; i++)
    {
      const PltPlanningComment *c = g_ptr_array_index (state->comments, i);

      g_ptr_array_add (info->comments, plt_planning_comment_new (c->at, c->by, c->text, c->agent, c->date));
    }
  for (guint i = 0; state->audit != NULL && i < state->audit->len; i++)
    {
      const PltPlanningAudit *a = g_ptr_array_index (state->audit, i);

      g_ptr_array_add (info->audit, plt_planning_audit_new (a->revision, a->at, a->by, a->agent, a->date, a->action));
    }
  info->published_revision = state->published_revision;
  info->published_by = g_strdup (state->published_by);

  g_hash_table_replace (self->week_infos, week_key (&state->week), info);
}

static void
document_changed_cb (PltPlanningPage *self)
{
  self->sync_failed = FALSE;
  update_sync_status (self);
}

static void
open_merge_dialog (PltPlanningPage *self);

static void
sync_loaded_cb (PltPlanningPage *self,
                const char      *week_text)
{
  PltWeek week;

  run_deferred (self);

  if (!plt_week_from_string (week_text, &week) || !plt_week_equal (&week, &self->week))
    {
      update_sync_status (self);
      return;
    }

  plt_timeline_reload (self->timeline);
  update_range (self);
  update_review (self);
  plt_coverage_chart_refresh (self->chart);
  show_content (self);
  update_sync_status (self);
}

static void
sync_saved_cb (PltPlanningPage *self)
{
  self->sync_failed = FALSE;
  update_sync_status (self);
  update_review (self);
}

static void
sync_conflict_cb (PltPlanningPage *self,
                  const char      *week,
                  guint            n_conflicts)
{
  plt_timeline_reload (self->timeline);
  update_range (self);
  update_sync_status (self);
  if (n_conflicts > 0)
    open_merge_dialog (self);
  else
    toast (self, _("Someone else saved other agents’ days meanwhile: both are kept"));
}

static void
sync_published_cb (PltPlanningPage *self,
                   const char      *week_text)
{
  PltWeek week;
  g_autofree char *text = NULL;

  if (!plt_week_from_string (week_text, &week))
    return;

  /* Translators: a toast; the week's number and the team */
  text = g_strdup_printf (_("Week %d published for %s"), week.week, team_name (self, self->team));
  toast (self, text);
}

static void
sync_notified_cb (PltPlanningPage *self,
                  const char      *week_text)
{
  PltWeek week;
  g_autofree char *text = NULL;

  if (!plt_week_from_string (week_text, &week))
    return;

  text = g_strdup_printf (_("Your plan for week %d changed"), week.week);
  toast (self, text);
  if (self->sync != NULL)
    plt_planning_sync_load (self->sync, &week);
}

static void
sync_failed_cb (PltPlanningPage *self,
                const char      *week,
                const GError    *error)
{
  self->sync_failed = TRUE;
  toast (self, error->message);
  update_sync_status (self);
}

static void
send_to_client (const char *text,
                gpointer    user_data)
{
  PltPlanningPage *self = user_data;

  if (self->client != NULL)
    plt_client_send_planning (self->client, text);
}

static void
attach_document (PltPlanningPage     *self,
                 PltPlanningDocument *document)
{
  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);
  g_signal_group_set_target (self->undo_signals,
                             document != NULL ? plt_planning_document_get_undo_stack (document) : NULL);

  g_clear_object (&self->sync);
  if (document != NULL)
    {
      GVariant *state = g_action_group_get_action_state (G_ACTION_GROUP (self->actions), "snap-quarter");

      plt_planning_document_set_snap_minutes (document, state == NULL || g_variant_get_boolean (state) ? 15 : 5);
      g_clear_pointer (&state, g_variant_unref);

      self->sync = plt_planning_sync_new (document, send_to_client, self, NULL);
      plt_planning_sync_set_autosave (self->sync, can (self, PLT_PLANNING_CAN_EDIT));
      plt_planning_sync_set_online (self->sync, is_online (self));
    }
  g_signal_group_set_target (self->sync_signals, self->sync);

  plt_timeline_set_document (self->timeline, document);
  if (self->team != NULL)
    plt_timeline_set_team_name (self->timeline, self->team, team_name (self, self->team));
  plt_coverage_chart_set_timeline (self->chart, self->timeline);
  update_range (self);
  refresh_forecast (self);
  update_sync_status (self);
}

static void
close_document (PltPlanningPage *self)
{
  if (self->merge_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->merge_dialog));
  attach_document (self, NULL);
  g_hash_table_remove_all (self->week_infos);
  g_ptr_array_set_size (self->deferred, 0);
  g_clear_pointer (&self->boot_id, g_free);
  g_clear_pointer (&self->boot_error, g_free);
  self->sync_failed = FALSE;
}

static void
send_boot_get (PltPlanningPage *self)
{
  g_autoptr(PltPlanningMessage) request = plt_planning_message_new ();
  g_autofree char *text = NULL;

  if (self->team == NULL || !is_online (self))
    return;

  g_free (self->boot_id);
  self->boot_id = g_strdup_printf ("plan-page-%u", ++self->boot_serial);
  request->id = g_strdup (self->boot_id);
  request->team = g_strdup (self->team);
  request->week = self->week;
  text = plt_protocol_encode_planning (-1, NULL, PLT_MESSAGE_PLANNING_GET, request);
  plt_client_send_planning (self->client, text);
}

/* The first state of a team: the document takes its site and agents. */
static void
create_document (PltPlanningPage          *self,
                 const PltPlanningMessage *state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PltSite) site = NULL;
  g_autoptr(PltPlanningDocument) document = NULL;
  g_autoptr(PltSchedule) draft = NULL;
  g_autoptr(PltSchedule) published = NULL;
  g_autoptr(PltJournal) journal = NULL;
  g_autofree char *path = NULL;

  site = plt_site_new (state->site_id != NULL ? state->site_id : "site",
                       state->site_name != NULL ? state->site_name : "",
                       state->site_tz != NULL ? state->site_tz : "UTC", &error);
  if (site == NULL)
    {
      g_clear_error (&error);
      site = plt_site_new ("site", "", "UTC", NULL);
    }

  document = plt_planning_document_new (state->team, site, NULL);
  if (state->agents->len > 0)
    plt_planning_document_set_agents (document, state->agents);
  draft = plt_planning_message_dup_schedule (state->has_draft ? state->days : state->published_days, NULL);
  if (draft == NULL)
    draft = plt_schedule_new ();
  if (state->published_version > 0)
    published = plt_planning_message_dup_schedule (state->published_days, NULL);
  plt_planning_document_load_week (document, &state->week, state->revision, draft, published,
                                   state->published_version);

  /* Only editors keep a journal: there is nothing to lose otherwise. */
  if (can (self, PLT_PLANNING_CAN_EDIT))
    {
      path = journal_path (self, state->team);
      journal = plt_journal_open (path, &error);
      if (journal == NULL || !plt_planning_document_set_journal (document, g_steal_pointer (&journal), &error))
        {
          g_autofree char *text = g_strdup_printf (_("Edits cannot be kept on this computer: %s"), error->message);

          toast (self, text);
        }
    }

  attach_document (self, document);
}

static void
planning_message_cb (PltPlanningPage  *self,
                     gpointer          data)
{
  const PltMessage *message = data;

  if (self->sync != NULL)
    plt_planning_sync_handle_message (self->sync, message);

  if (message->type == PLT_MESSAGE_PLANNING_STATE && message->u.planning != NULL &&
      g_strcmp0 (message->u.planning->team, self->team) == 0)
    {
      const PltPlanningMessage *state = message->u.planning;

      keep_week_info (self, state);
      if (self->document == NULL && g_strcmp0 (state->reply_to, self->boot_id) == 0)
        {
          g_clear_pointer (&self->boot_id, g_free);
          create_document (self, state);
          sync_loaded_cb (self, NULL);
          set_week (self, &self->week);
          show_content (self);
        }
      else
        update_review (self);
    }
  else if (message->type == PLT_MESSAGE_ERROR && self->boot_id != NULL &&
           g_strcmp0 (message->u.error.reply_to, self->boot_id) == 0)
    {
      const PltErrorData *error = &message->u.error;

      g_clear_pointer (&self->boot_id, g_free);
      if (error->code == PLT_PROTOCOL_ERROR_FORBIDDEN)
        show_status (self, "changes-prevent-symbolic", _("This planning is not yours to see"),
                     error->message);
      else
        show_status (self, "dialog-error-symbolic", _("The planning could not be loaded"), error->message);
    }
}

static void
open_team (PltPlanningPage *self,
           const char      *team)
{
  g_autofree char *path = NULL;

  if (g_strcmp0 (team, self->team) == 0 && (self->document != NULL || self->boot_id != NULL))
    return;

  close_document (self);
  g_free (self->team);
  self->team = g_strdup (team);

  if (team == NULL || self->client == NULL)
    {
      show_status (self, "x-office-calendar-symbolic", _("No team to plan"),
                   _("This account sees no team."));
      return;
    }

  if (self->caps == 0)
    {
      update_caps (self);
      return;
    }

  /* Edits kept on this computer come back first. */
  path = journal_path (self, team);
  if (can (self, PLT_PLANNING_CAN_EDIT) && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PltPlanningDocument) recovered = NULL;
      guint n_torn = 0;

      recovered = plt_planning_document_recover (path, &n_torn, &error);
      if (recovered != NULL)
        {
          guint n;

          attach_document (self, recovered);
          n = count_pending (self);
          if (n > 0)
            {
              g_autofree char *text = plt_planning_recovered_text (n);

              toast (self, text);
            }
          if (self->sync != NULL)
            plt_planning_sync_load (self->sync, &self->week);
          set_week (self, &self->week);
          show_content (self);
          return;
        }

      g_warning ("The journal %s could not be read: %s", path, error->message);
      {
        g_autofree char *aside = g_strconcat (path, ".unreadable", NULL);

        g_rename (path, aside);
      }
    }

  show_status (self, "x-office-calendar-symbolic", _("Loading the planning"), NULL);
  send_boot_get (self);
}

/* ---------------------------------------------------------------------------
 * The client: teams, role, link
 */

static void
update_teams (PltPlanningPage *self)
{
  PltStore *store;
  GListModel *model;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  if (self->client == NULL)
    return;

  store = plt_model_get_teams (plt_client_get_model (self->client));
  model = G_LIST_MODEL (store);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PltTeam) team = g_list_model_get_item (model, i);
      const char *id = plt_team_get_id (team);

      g_ptr_array_add (ids, g_strdup (id));
      gtk_string_list_append (names, team_name (self, id));
      if (g_strcmp0 (id, self->team) == 0)
        selected = i;
    }

  self->updating_teams = TRUE;
  g_clear_pointer (&self->team_ids, g_ptr_array_unref);
  self->team_ids = g_steal_pointer (&ids);
  g_set_object (&self->team_names, names);
  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (names));
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->team_dropdown, selected);
  self->updating_teams = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->team_dropdown), self->team_ids->len > 1);

  if (self->team == NULL && self->team_ids->len > 0 && is_online (self))
    {
      gtk_drop_down_set_selected (self->team_dropdown, 0);
      open_team (self, g_ptr_array_index (self->team_ids, 0));
    }
}

static void
team_selected_cb (PltPlanningPage *self)
{
  guint index = gtk_drop_down_get_selected (self->team_dropdown);

  if (self->updating_teams || self->team_ids == NULL || index >= self->team_ids->len)
    return;

  open_team (self, g_ptr_array_index (self->team_ids, index));
}

static void
client_state_cb (PltPlanningPage *self)
{
  gboolean online = is_online (self);

  if (self->sync != NULL)
    plt_planning_sync_set_online (self->sync, online);

  if (online)
    {
      if (self->team == NULL)
        update_teams (self);
      else if (self->document == NULL && self->boot_id == NULL && self->caps != 0)
        send_boot_get (self);
      else if (self->document == NULL && self->boot_id != NULL)
        send_boot_get (self);   /* the link dropped before the answer */
    }

  update_sync_status (self);
}

static void
client_role_cb (PltPlanningPage *self)
{
  PltPlanningCaps before = self->caps;

  update_caps (self);
  if (before != self->caps && self->team != NULL)
    {
      g_autofree char *team = g_strdup (self->team);

      g_clear_pointer (&self->team, g_free);
      open_team (self, team);
    }
}

static void
teams_changed_cb (PltPlanningPage *self)
{
  update_teams (self);
}

/* ---------------------------------------------------------------------------
 * Dialogs
 */

typedef void (*FormDone) (PltPlanningPage *self,
                          GtkWidget       *form);

static void
form_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  PltPlanningPage  *self)
{
  FormDone done = g_object_get_data (G_OBJECT (dialog), "done");
  GtkWidget *form = adw_message_dialog_get_extra_child (dialog);

  if (g_strcmp0 (response, "apply") == 0 && done != NULL)
    done (self, form);
}

static GtkWidget *
form_dialog (PltPlanningPage *self,
             const char      *heading,
             const char      *body,
             const char      *apply_label,
             GtkWidget       *form,
             FormDone         done)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", apply_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), form);
  g_object_set_data (G_OBJECT (dialog), "done", done);
  g_signal_connect (dialog, "response", G_CALLBACK (form_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static GtkWidget *
form_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  return grid;
}

static GtkWidget *
form_row (GtkWidget  *grid,
          int         row,
          const char *label,
          GtkWidget  *control)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), control);
  gtk_grid_attach (GTK_GRID (grid), title, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), control, 1, row, 1, 1);
  g_object_set_data (G_OBJECT (grid), label, control);
  return control;
}

static GtkWidget *
week_days_dropdown (const PltWeek *week,
                    guint          selected)
{
  g_autoptr(GtkStringList) days = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  GDate date;

  for (guint i = 0; i < 7; i++)
    {
      char buffer[64];

      date_of_week_day (week, i, &date);
      if (g_date_strftime (buffer, sizeof buffer, _("%A %d"), &date) == 0)
        buffer[0] = '\0';
      gtk_string_list_append (days, buffer);
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (days)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  return dropdown;
}

static GtkWidget *
agents_scope_dropdown (PltPlanningPage *self)
{
  const char *agent = plt_timeline_get_focus_agent (self->timeline);
  g_autofree char *one = g_strdup_printf (_("%s only"), agent_name (self, agent));
  const char *items[] = { one, _("Every agent of the team"), NULL };

  return gtk_drop_down_new_from_strings (items);
}

/* The agents a form's scope drop-down names. */
static GStrv
scope_agents (PltPlanningPage *self,
              GtkWidget       *scope)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (scope)) == 1)
    {
      GPtrArray *agents = plt_planning_document_get_agents (self->document);

      for (guint i = 0; i < agents->len; i++)
        g_strv_builder_add (builder, ((const PltPlanningAgent *) g_ptr_array_index (agents, i))->id);
    }
  else if (plt_timeline_get_focus_agent (self->timeline) != NULL)
    g_strv_builder_add (builder, plt_timeline_get_focus_agent (self->timeline));

  return g_strv_builder_end (builder);
}

static void
copy_day_done (PltPlanningPage *self,
               GtkWidget       *form)
{
  GtkWidget *day = g_object_get_data (G_OBJECT (form), "day");
  GtkWidget *scope = g_object_get_data (G_OBJECT (form), "scope");
  g_auto(GStrv) agents = scope_agents (self, scope);
  g_autoptr(PltPlanningCommand) command = NULL;
  GDate from, to;

  cursor_date (self, &from);
  date_of_week_day (&self->week, gtk_drop_down_get_selected (GTK_DROP_DOWN (day)), &to);
  command = plt_planning_command_copy_day (plt_timeline_get_focus_agent (self->timeline), &from,
                                           (const char * const *) agents, &to);
  execute (self, command);
}

static void
copy_day_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  GtkWidget *grid = form_grid ();
  g_autofree char *body = NULL;
  char buffer[64];
  GDate from;

  cursor_date (self, &from);
  if (g_date_strftime (buffer, sizeof buffer, _("%A %d %B"), &from) == 0)
    buffer[0] = '\0';
  /* Translators: the agent and the day copied */
  body = g_strdup_printf (_("The shifts of %s on %s replace those of the day chosen."),
                          agent_name (self, plt_timeline_get_focus_agent (self->timeline)), buffer);

  g_object_set_data (G_OBJECT (grid), "day",
                     form_row (grid, 0, _("_To"), week_days_dropdown (&self->week, MIN (g_date_get_weekday (&from), 6))));
  g_object_set_data (G_OBJECT (grid), "scope", form_row (grid, 1, _("_For"), agents_scope_dropdown (self)));
  form_dialog (self, _("Copy a day"), body, _("C_opy"), grid, copy_day_done);
}

static void
copy_week_done (PltPlanningPage *self,
                GtkWidget       *form)
{
  GtkWidget *weeks = g_object_get_data (G_OBJECT (form), "weeks");
  g_autoptr(PltPlanningCommand) command = NULL;
  PltWeek to = self->week;

  plt_week_add (&to, gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (weeks)));
  command = plt_planning_command_copy_week (&self->week, &to, NULL);
  execute_after_loading (self, command, &to, 1);
}

static void
copy_week_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  GtkWidget *grid = form_grid ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 12, 1);
  g_autofree char *body = g_strdup_printf (_("Every agent’s shifts of week %d replace those of the week chosen."),
                                           self->week.week);

  g_object_set_data (G_OBJECT (grid), "weeks", form_row (grid, 0, _("_Weeks later"), spin));
  form_dialog (self, _("Copy the week"), body, _("C_opy"), grid, copy_week_done);
}

static void
repeat_weeks_done (PltPlanningPage *self,
                   GtkWidget       *form)
{
  GtkWidget *count = g_object_get_data (G_OBJECT (form), "count");
  guint n = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (count));
  g_autoptr(PltPlanningCommand) command = plt_planning_command_repeat_weeks (&self->week, n, NULL);
  g_autoptr(GArray) weeks = g_array_new (FALSE, FALSE, sizeof (PltWeek));

  for (guint i = 1; i <= n; i++)
    {
      PltWeek week = self->week;

      plt_week_add (&week, (int) i);
      g_array_append_val (weeks, week);
    }
  execute_after_loading (self, command, (const PltWeek *) weeks->data, weeks->len);
}

static void
repeat_weeks_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  GtkWidget *grid = form_grid ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 12, 1);
  g_autofree char *body = g_strdup_printf (_("Week %d is copied onto each of the weeks after it."), self->week.week);

  g_object_set_data (G_OBJECT (grid), "count", form_row (grid, 0, _("_Number of weeks"), spin));
  form_dialog (self, _("Repeat the week"), body, _("_Repeat"), grid, repeat_weeks_done);
}

static void
apply_template_done (PltPlanningPage *self,
                     GtkWidget       *form)
{
  GtkWidget *which = g_object_get_data (G_OBJECT (form), "template");
  GtkWidget *scope = g_object_get_data (G_OBJECT (form), "scope");
  GtkWidget **days = g_object_get_data (G_OBJECT (form), "days");
  GPtrArray *templates = plt_planning_templates_get_templates (self->templates);
  const PltShiftTemplate *tmpl = g_ptr_array_index (templates, gtk_drop_down_get_selected (GTK_DROP_DOWN (which)));
  g_auto(GStrv) agents = scope_agents (self, scope);
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_command_unref);

  for (guint a = 0; agents[a] != NULL; a++)
    for (guint d = 0; d < 7; d++)
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (days[d])))
        {
          GDate date;

          date_of_week_day (&self->week, d, &date);
          g_ptr_array_add (commands, plt_planning_command_apply_template (agents[a], &date, tmpl));
        }

  execute_batch (self, commands, _("Apply template"));
}

static void
apply_template_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  GPtrArray *templates = plt_planning_templates_get_templates (self->templates);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *grid = form_grid ();
  GtkWidget *days_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget **days = g_new0 (GtkWidget *, 7);
  GDate cursor;

  cursor_date (self, &cursor);
  for (guint i = 0; i < templates->len; i++)
    gtk_string_list_append (names, ((const PltShiftTemplate *) g_ptr_array_index (templates, i))->name);

  gtk_widget_add_css_class (days_box, "linked");
  for (guint d = 0; d < 7; d++)
    {
      GDate date;
      char buffer[16];

      date_of_week_day (&self->week, d, &date);
      if (g_date_strftime (buffer, sizeof buffer, _("%a"), &date) == 0)
        buffer[0] = '\0';
      days[d] = gtk_check_button_new_with_label (buffer);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (days[d]), g_date_compare (&date, &cursor) == 0);
      gtk_box_append (GTK_BOX (days_box), days[d]);
    }

  g_object_set_data (G_OBJECT (grid), "template",
                     form_row (grid, 0, _("_Template"), gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL)));
  form_row (grid, 1, _("_Days"), days_box);
  g_object_set_data_full (G_OBJECT (grid), "days", days, g_free);
  g_object_set_data (G_OBJECT (grid), "scope", form_row (grid, 2, _("_For"), agents_scope_dropdown (self)));
  form_dialog (self, _("Apply a template"), _("The template’s shift replaces the shifts of each day chosen."),
               _("_Apply"), grid, apply_template_done);
}

static void
apply_pattern_done (PltPlanningPage *self,
                    GtkWidget       *form)
{
  GtkWidget *which = g_object_get_data (G_OBJECT (form), "pattern");
  GtkWidget *scope = g_object_get_data (G_OBJECT (form), "scope");
  GPtrArray *patterns = plt_planning_templates_get_patterns (self->templates);
  const PltWeeklyPattern *pattern = g_ptr_array_index (patterns, gtk_drop_down_get_selected (GTK_DROP_DOWN (which)));
  g_auto(GStrv) agents = scope_agents (self, scope);
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_planning_command_unref);

  for (guint a = 0; agents[a] != NULL; a++)
    g_ptr_array_add (commands, plt_planning_command_apply_pattern (agents[a], &self->week, pattern,
                                                                   plt_planning_templates_get_templates (self->templates)));

  execute_batch (self, commands, _("Apply pattern"));
}

static void
apply_pattern_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  GPtrArray *patterns = plt_planning_templates_get_patterns (self->templates);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *grid = form_grid ();

  for (guint i = 0; i < patterns->len; i++)
    gtk_string_list_append (names, ((const PltWeeklyPattern *) g_ptr_array_index (patterns, i))->name);

  g_object_set_data (G_OBJECT (grid), "pattern",
                     form_row (grid, 0, _("_Pattern"), gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL)));
  g_object_set_data (G_OBJECT (grid), "scope", form_row (grid, 1, _("_For"), agents_scope_dropdown (self)));
  form_dialog (self, _("Apply a weekly pattern"), _("The pattern’s shifts replace the week’s, day by day."),
               _("_Apply"), grid, apply_pattern_done);
}

static void
save_template_done (PltPlanningPage *self,
                    GtkWidget       *form)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (form), "name");
  g_autofree char *shift_id = NULL;
  const PltShift *shift = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (!plt_timeline_get_focus (self->timeline, &shift_id, NULL) ||
      plt_schedule_find_shift (plt_planning_document_get_draft (self->document), shift_id, &shift) == NULL)
    return;

  if (name[0] == '\0')
    name = _("My template");
  if (plt_planning_templates_add_from_shift (self->templates, name, shift,
                                             plt_planning_document_get_site (self->document), &error) == NULL)
    toast (self, error->message);
  else
    build_templates_list (self);
}

static void
save_template_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  GtkWidget *grid = form_grid ();
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  g_object_set_data (G_OBJECT (grid), "name", form_row (grid, 0, _("_Name"), entry));
  form_dialog (self, _("Save as a template"), _("The shift’s start, length and activities become a template."),
               _("_Save"), grid, save_template_done);
}

/* ---------------------------------------------------------------------------
 * Actions
 */

static void
undo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  PltPlanningPage *self = user_data;

  if (self->document != NULL)
    plt_planning_document_undo (self->document);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  PltPlanningPage *self = user_data;

  if (self->document != NULL)
    plt_planning_document_redo (self->document);
}

static void
save_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  g_autoptr(GArray) weeks = NULL;

  if (self->sync == NULL)
    return;

  weeks = plt_planning_document_list_dirty_weeks (self->document);
  for (guint i = 0; i < weeks->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!plt_planning_sync_save (self->sync, &g_array_index (weeks, PltWeek, i), &error))
        toast (self, error->message);
    }
}

static void
snap_quarter_change (GSimpleAction *action,
                     GVariant      *value,
                     gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  gboolean quarter = g_variant_get_boolean (value);

  g_simple_action_set_state (action, value);
  if (self->document != NULL)
    plt_planning_document_set_snap_minutes (self->document, quarter ? 15 : 5);
  gtk_label_set_label (self->snap_label, quarter ? _("15 min") : _("5 min"));
}

static void
mode_change (GSimpleAction *action,
             GVariant      *value,
             gpointer       user_data)
{
  PltPlanningPage *self = user_data;

  g_simple_action_set_state (action, value);
  self->day_mode = g_str_equal (g_variant_get_string (value, NULL), "day");
  update_range (self);
}

static void
move_week (PltPlanningPage *self,
           int              n)
{
  PltWeek week = self->week;

  plt_week_add (&week, n);
  g_date_add_days (&self->day, 7 * n);
  set_week (self, &week);
}

static void
previous_week_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  move_week (user_data, -1);
}

static void
next_week_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  move_week (user_data, 1);
}

static void
this_week_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PltWeek week;

  g_date_clear (&self->day, 1);
  g_date_set_dmy (&self->day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  plt_week_from_date (&self->day, &week);
  set_week (self, &week);
}

static void
review_change (GSimpleAction *action,
               GVariant      *value,
               gpointer       user_data)
{
  PltPlanningPage *self = user_data;

  g_simple_action_set_state (action, value);
  update_review (self);
  show_content (self);

  /* Who changed what, and the comments, as the router has them now */
  if (g_variant_get_boolean (value) && self->sync != NULL)
    plt_planning_sync_load (self->sync, &self->week);
}

static void
publish_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PltPlanningPage  *self)
{
  g_autoptr(GError) error = NULL;

  self->publish_dialog = NULL;
  if (g_strcmp0 (response, "publish") != 0 || self->sync == NULL)
    return;

  if (!plt_planning_sync_publish (self->sync, &self->week, &error))
    toast (self, error->message);
}

/* The agents whose days differ from the latest published version: those
 * the router notifies. */
static guint
count_notified (PltPlanningPage *self)
{
  PltSchedule *published = plt_planning_document_get_published (self->document, &self->week, NULL);
  PltSchedule *base = plt_planning_document_get_base (self->document, &self->week);
  g_autoptr(PltSchedule) empty = plt_schedule_new ();
  g_autoptr(GHashTable) agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) keys = NULL;

  if (base == NULL)
    return 0;

  keys = plt_schedule_diff_keys (published != NULL ? published : empty, base);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *agent = NULL;
      GDate date;
      PltWeek week;

      g_date_clear (&date, 1);
      if (!plt_agent_day_key_parse (keys[i], &agent, &date))
        continue;
      plt_week_from_date (&date, &week);
      if (plt_week_equal (&week, &self->week))
        g_hash_table_add (agents, g_steal_pointer (&agent));
    }

  return g_hash_table_size (agents);
}

static void
publish_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->document == NULL || !can (self, PLT_PLANNING_CAN_PUBLISH))
    return;

  if (count_pending (self) > 0)
    {
      toast (self, _("Wait until the changes are saved before publishing"));
      return;
    }

  heading = plt_planning_publish_heading (&self->week, team_name (self, self->team));
  body = plt_planning_publish_body (count_notified (self));
  dialog = adw_message_dialog_new (parent_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "publish", _("_Publish"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "publish", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (publish_response_cb), self);
  self->publish_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
merge_resolved_cb (PltPlanningPage *self)
{
  save_action (NULL, NULL, self);
  update_sync_status (self);
}

static void
merge_dialog_destroyed_cb (PltPlanningPage *self)
{
  self->merge_dialog = NULL;
}

static void
open_merge_dialog (PltPlanningPage *self)
{
  g_autoptr(GHashTable) names = NULL;

  if (self->document == NULL || plt_planning_document_get_conflicts (self->document)->len == 0)
    return;

  if (self->merge_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->merge_dialog));

  names = agent_names (self);
  self->merge_dialog = plt_planning_merge_dialog_new (parent_window (self), self->document, names);
  g_signal_connect_swapped (self->merge_dialog, "resolved", G_CALLBACK (merge_resolved_cb), self);
  g_signal_connect_swapped (self->merge_dialog, "destroy", G_CALLBACK (merge_dialog_destroyed_cb), self);
  gtk_window_present (GTK_WINDOW (self->merge_dialog));
}

static void
resolve_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  open_merge_dialog (user_data);
}

static void
edit_block_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  open_block_editor (user_data);
}

static void
split_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  PltPlanningPage *self = user_data;

  gtk_widget_activate_action (GTK_WIDGET (self->timeline), "timeline.edit-key", "i", PLT_TIMELINE_KEY_SPLIT);
}

static void
delete_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  PltPlanningPage *self = user_data;

  gtk_widget_activate_action (GTK_WIDGET (self->timeline), "timeline.edit-key", "i", PLT_TIMELINE_KEY_DELETE);
}

static void
new_shift_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  PltPlanningPage *self = user_data;

  gtk_widget_activate_action (GTK_WIDGET (self->timeline), "timeline.new-shift", NULL);
}

static void
add_activity_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  g_autofree char *shift_id = NULL;
  g_autoptr(PltPlanningCommand) command = NULL;
  const PltShift *shift = NULL;
  PltActivityKind kind;
  gint64 start, length;

  if (self->document == NULL || !plt_activity_kind_from_string (g_variant_get_string (parameter, NULL), &kind) ||
      !plt_timeline_get_focus (self->timeline, &shift_id, NULL) ||
      plt_schedule_find_shift (plt_planning_document_get_draft (self->document), shift_id, &shift) == NULL)
    return;

  /* At the cursor if it is in the shift, else in the shift's middle */
  length = DEFAULT_ACTIVITY_MINUTES (kind) * PLT_MS_PER_MINUTE;
  start = plt_timeline_get_cursor_time (self->timeline);
  if (start <= shift->start || start + length > shift->end)
    start = shift->start + (shift->end - shift->start - length) / 2;
  start = plt_site_snap (plt_planning_document_get_site (self->document), start,
                         plt_planning_document_get_snap_minutes (self->document));
  start = CLAMP (start, shift->start, MAX (shift->start, shift->end - length));

  command = plt_planning_command_add_activity (shift_id, kind, start, MIN (start + length, shift->end), NULL);
  execute (self, command);
}

/* Exports ------------------------------------------------------------------ */

static void
save_text (PltPlanningPage *self,
           GFile           *file,
           const char      *text)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, &error))
    toast (self, error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *done = g_strdup_printf (_("Saved %s"), name);

      toast (self, done);
    }
}

static char *
file_stem (PltPlanningPage *self)
{
  g_autofree char *week = week_key (&self->week);
  g_autofree char *stem = g_strdup_printf ("%s %s", team_name (self, self->team), week);

  g_strdelimit (stem, "/\\:", '-');
  return g_steal_pointer (&stem);
}

static void
csv_chosen_cb (GtkNativeDialog *dialog,
               int              response,
               PltPlanningPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *csv = plt_export_week_csv (plt_planning_document_get_draft (self->document),
                                                  plt_planning_document_get_site (self->document),
                                                  plt_planning_document_get_agents (self->document),
                                                  self->team, &self->week);

      save_text (self, file, csv);
    }
  g_object_unref (dialog);
}

static void
export_csv_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  GtkFileChooserNative *dialog;
  g_autofree char *stem = file_stem (self);
  g_autofree char *name = g_strconcat (stem, ".csv", NULL);

  dialog = gtk_file_chooser_native_new (_("Export the Week as CSV"), parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (csv_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
ical_chosen_cb (GtkNativeDialog *dialog,
                int              response,
                PltPlanningPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      GPtrArray *agents = plt_planning_document_get_agents (self->document);
      g_autofree char *week = week_key (&self->week);
      GDate monday, sunday;
      guint written = 0;

      g_date_clear (&monday, 1);
      plt_week_get_monday (&self->week, &monday);
      sunday = monday;
      g_date_add_days (&sunday, 6);

      for (guint i = 0; i < agents->len; i++)
        {
          const PltPlanningAgent *agent = g_ptr_array_index (agents, i);
          g_autoptr(GError) error = NULL;
          g_autofree char *ics = plt_export_agent_ical (plt_planning_document_get_draft (self->document),
                                                        plt_planning_document_get_site (self->document),
                                                        agent, &monday, &sunday, g_get_real_time () / 1000, &error);
          g_autofree char *name = NULL;
          g_autoptr(GFile) file = NULL;

          if (ics == NULL)
            {
              toast (self, error->message);
              continue;
            }
          name = g_strdup_printf ("%s %s.ics", agent->name != NULL ? agent->name : agent->id, week);
          g_strdelimit (name, "/\\:", '-');
          file = g_file_get_child (folder, name);
          if (!g_file_replace_contents (file, ics, strlen (ics), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                        NULL, NULL, &error))
            toast (self, error->message);
          else
            written++;
        }

      if (written > 0)
        {
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u calendar", "Saved %u calendars", written),
                                                   written);

          toast (self, text);
        }
    }
  g_object_unref (dialog);
}

static void
export_ical_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Choose a Folder for the Agents’ Calendars"), parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (ical_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
fill_print_job (PltPlanningPage     *self,
                PltPlanningPrintJob *job,
                GHashTable          *names,
                char               **version_text)
{
  gint64 version = 0;
  PltSchedule *published = plt_planning_document_get_published (self->document, &self->week, &version);
  gboolean review = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "review") == 0;

  g_hash_table_insert (names, g_strdup (self->team), g_strdup (team_name (self, self->team)));
  job->agents = plt_planning_document_get_agents (self->document);
  job->site = plt_planning_document_get_site (self->document);
  job->week = self->week;
  job->team_names = names;

  /* An agent sees only the published version; so does a printed review. */
  if (!can (self, PLT_PLANNING_CAN_READ_DRAFT) && published != NULL)
    {
      job->schedule = published;
      *version_text = g_strdup_printf (_("Published version %" G_GINT64_FORMAT), version);
    }
  else
    {
      job->schedule = plt_planning_document_get_draft (self->document);
      if (count_pending (self) > 0)
        *version_text = g_strdup_printf (_("Draft, revision %" G_GINT64_FORMAT " and unsaved changes"),
                                         plt_planning_document_get_revision (self->document, &self->week));
      else
        *version_text = g_strdup_printf (_("Draft, revision %" G_GINT64_FORMAT),
                                         plt_planning_document_get_revision (self->document, &self->week));
    }
  job->version_text = *version_text;
  (void) review;
}

gboolean
_plt_planning_page_export_pdf (PltPlanningPage  *self,
                               const char       *path,
                               GError          **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *version = NULL;
  PltPlanningPrintJob job = { 0 };

  g_return_val_if_fail (PLT_IS_PLANNING_PAGE (self), FALSE);

  if (self->document == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No planning is loaded"));
      return FALSE;
    }

  fill_print_job (self, &job, names, &version);
  return plt_planning_print_export_pdf (&job, path, error);
}

static void
pdf_chosen_cb (GtkNativeDialog *dialog,
               int              response,
               PltPlanningPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL || !_plt_planning_page_export_pdf (self, path, &error))
        toast (self, error != NULL ? error->message : _("This place cannot hold a PDF file"));
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("Saved %s"), name);

          toast (self, text);
        }
    }
  g_object_unref (dialog);
}

static void
export_pdf_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  GtkFileChooserNative *dialog;
  g_autofree char *stem = file_stem (self);
  g_autofree char *name = g_strconcat (stem, ".pdf", NULL);

  dialog = gtk_file_chooser_native_new (_("Export the Week as PDF"), parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (pdf_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
print_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *version = NULL;
  g_autoptr(GError) error = NULL;
  PltPlanningPrintJob job = { 0 };

  if (self->document == NULL)
    return;

  fill_print_job (self, &job, names, &version);
  if (plt_planning_print_run (&job, parent_window (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    toast (self, error->message);
}

static void
forecast_chosen_cb (GtkNativeDialog *dialog,
                    int              response,
                    PltPlanningPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) row_errors = NULL;
      g_autoptr(PltForecast) forecast = NULL;
      g_autofree char *text = NULL;
      const PltSite *site = plt_planning_document_get_site (self->document);
      gsize length;

      if (!g_file_load_contents (file, NULL, &text, &length, NULL, &error))
        toast (self, error->message);
      else
        {
          forecast = plt_forecast_new_for_week (site, &self->week);
          if (!plt_forecast_import_csv (forecast, site, text, (gssize) length, &row_errors, &error))
            {
              g_autoptr(GString) body = g_string_new (NULL);
              GtkWidget *message;

              for (guint i = 0; row_errors != NULL && i < row_errors->len && i < 12; i++)
                {
                  const PltCsvRowError *row = g_ptr_array_index (row_errors, i);

                  g_string_append_printf (body, "%s%s", body->len > 0 ? "\n" : "", row->message);
                }
              if (row_errors != NULL && row_errors->len > 12)
                g_string_append_printf (body, _("\n…and %u more"), row_errors->len - 12);

              message = adw_message_dialog_new (parent_window (self), error->message, body->str);
              adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
              gtk_window_present (GTK_WINDOW (message));
            }
          else
            {
              g_hash_table_replace (self->imported, week_key (&self->week), g_steal_pointer (&text));
              set_forecast (self, g_steal_pointer (&forecast), _("Forecast: imported from a CSV file"));
            }
        }
    }
  g_object_unref (dialog);
}

static void
import_forecast_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  PltPlanningPage *self = user_data;
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");

  dialog = gtk_file_chooser_native_new (_("Import a Forecast"), parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (forecast_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static const GActionEntry action_entries[] = {
  { "undo", undo_action },
  { "redo", redo_action },
  { "save", save_action },
  { "snap-quarter", NULL, NULL, "true", snap_quarter_change },
  { "mode", NULL, "s", "'day'", mode_change },
  { "previous-week", previous_week_action },
  { "next-week", next_week_action },
  { "this-week", this_week_action },
  { "review", NULL, NULL, "false", review_change },
  { "publish", publish_action },
  { "resolve", resolve_action },
  { "copy-day", copy_day_action },
  { "copy-week", copy_week_action },
  { "apply-template", apply_template_action },
  { "apply-pattern", apply_pattern_action },
  { "repeat-weeks", repeat_weeks_action },
  { "import-forecast", import_forecast_action },
  { "export-csv", export_csv_action },
  { "export-ical", export_ical_action },
  { "export-pdf", export_pdf_action },
  { "print", print_action },
  { "edit-block", edit_block_action },
  { "split", split_action },
  { "delete", delete_action },
  { "add-activity", add_activity_action, "s" },
  { "new-shift", new_shift_action },
  { "save-template", save_template_action },
};

/* ---------------------------------------------------------------------------
 * GObject
 */

static void
update_all (PltPlanningPage *self)
{
  update_caps (self);
  update_teams (self);
  update_sync_status (self);
}

static void
plt_planning_page_dispose (GObject *object)
{
  PltPlanningPage *self = PLT_PLANNING_PAGE (object);

  if (self->merge_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->merge_dialog));
  if (self->publish_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->publish_dialog));
  if (self->edit_popover != NULL)
    gtk_widget_unparent (g_steal_pointer (&self->edit_popover));

  if (self->client_signals != NULL)
    g_signal_group_set_target (self->client_signals, NULL);
  if (self->sync_signals != NULL)
    g_signal_group_set_target (self->sync_signals, NULL);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  if (self->undo_signals != NULL)
    g_signal_group_set_target (self->undo_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), PLT_TYPE_PLANNING_PAGE);

  g_clear_object (&self->client_signals);
  g_clear_object (&self->sync_signals);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->undo_signals);
  g_clear_object (&self->sync);
  g_clear_object (&self->document);
  g_clear_object (&self->client);
  g_clear_object (&self->actions);
  g_clear_object (&self->team_names);
  g_clear_object (&self->queue_names);
  g_clear_pointer (&self->team_ids, g_ptr_array_unref);
  g_clear_pointer (&self->scenario, plt_scenario_unref);

  G_OBJECT_CLASS (plt_planning_page_parent_class)->dispose (object);
}

static void
plt_planning_page_finalize (GObject *object)
{
  PltPlanningPage *self = PLT_PLANNING_PAGE (object);

  g_clear_pointer (&self->templates, plt_planning_templates_free);
  g_clear_pointer (&self->imported, g_hash_table_unref);
  g_clear_pointer (&self->week_infos, g_hash_table_unref);
  g_clear_pointer (&self->deferred, g_ptr_array_unref);
  g_free (self->forecast_source);
  g_free (self->team);
  g_free (self->boot_id);
  g_free (self->boot_error);
  g_free (self->journal_dir);
  g_free (self->sync_text);
  g_free (self->last_toast);

  G_OBJECT_CLASS (plt_planning_page_parent_class)->finalize (object);
}

static void
plt_planning_page_class_init (PltPlanningPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_planning_page_dispose;
  object_class->finalize = plt_planning_page_finalize;

  g_type_ensure (PLT_TYPE_TIMELINE);
  g_type_ensure (PLT_TYPE_COVERAGE_CHART);
  g_type_ensure (PLT_TYPE_PLANNING_REVIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plateau/Plateau/plt-planning-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, week_button);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, week_toggle);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, day_toggle);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, day_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, sync_box);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, sync_icon);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, sync_label);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, edit_box);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, snap_toggle);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, snap_label);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, problems_toggle);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, review_toggle);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, publish_button);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, paned);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, timeline);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, side_revealer);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, problems_title);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, problems_summary);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, problems_list);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, templates_list);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, forecast_label);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, queue_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, model_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, what_if_grid);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, chart);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, review);
  gtk_widget_class_bind_template_child (widget_class, PltPlanningPage, block_menu);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, timeline_activate_block_cb);
  gtk_widget_class_bind_template_callback (widget_class, timeline_focus_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, timeline_violations_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, timeline_edit_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, timeline_template_dropped_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "planning.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "planning.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "planning.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "planning.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "planning.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "planning.previous-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "planning.next-week", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "planningpage");
}

static void
plt_planning_page_init (PltPlanningPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries, G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "planning", G_ACTION_GROUP (self->actions));

  self->templates = plt_planning_templates_new (NULL);
  self->imported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->week_infos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) week_info_free);
  self->deferred = g_ptr_array_new_with_free_func ((GDestroyNotify) deferred_free);

  g_date_clear (&self->day, 1);
  g_date_set_dmy (&self->day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  plt_week_from_date (&self->day, &self->week);
  /* Supervisors plan their team's day: today's, first */
  self->day_mode = TRUE;

  self->client_signals = g_signal_group_new (PLT_TYPE_CLIENT);
  g_signal_group_connect_swapped (self->client_signals, "planning-message", G_CALLBACK (planning_message_cb), self);
  g_signal_group_connect_swapped (self->client_signals, "notify::state", G_CALLBACK (client_state_cb), self);
  g_signal_group_connect_swapped (self->client_signals, "notify::role", G_CALLBACK (client_role_cb), self);
  g_signal_group_connect_swapped (self->client_signals, "synced", G_CALLBACK (teams_changed_cb), self);

  self->sync_signals = g_signal_group_new (PLT_TYPE_PLANNING_SYNC);
  g_signal_group_connect_swapped (self->sync_signals, "loaded", G_CALLBACK (sync_loaded_cb), self);
  g_signal_group_connect_swapped (self->sync_signals, "saved", G_CALLBACK (sync_saved_cb), self);
  g_signal_group_connect_swapped (self->sync_signals, "conflict", G_CALLBACK (sync_conflict_cb), self);
  g_signal_group_connect_swapped (self->sync_signals, "published", G_CALLBACK (sync_published_cb), self);
  g_signal_group_connect_swapped (self->sync_signals, "notified", G_CALLBACK (sync_notified_cb), self);
  g_signal_group_connect_swapped (self->sync_signals, "failed", G_CALLBACK (sync_failed_cb), self);
  g_signal_group_connect_swapped (self->sync_signals, "notify::busy", G_CALLBACK (update_sync_status), self);

  self->document_signals = g_signal_group_new (PLT_TYPE_PLANNING_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "changed", G_CALLBACK (document_changed_cb), self);
  g_signal_group_connect_swapped (self->document_signals, "conflicts-changed", G_CALLBACK (update_sync_status), self);

  self->undo_signals = g_signal_group_new (PLT_TYPE_UNDO_STACK);
  g_signal_group_connect_swapped (self->undo_signals, "notify::can-undo", G_CALLBACK (update_actions), self);
  g_signal_group_connect_swapped (self->undo_signals, "notify::can-redo", G_CALLBACK (update_actions), self);

  g_signal_connect_swapped (self->team_dropdown, "notify::selected", G_CALLBACK (team_selected_cb), self);
  g_signal_connect_swapped (self->day_dropdown, "notify::selected", G_CALLBACK (day_selected_cb), self);
  g_signal_connect_swapped (self->queue_dropdown, "notify::selected", G_CALLBACK (queue_selected_cb), self);
  g_signal_connect_swapped (self->model_dropdown, "notify::selected", G_CALLBACK (what_if_changed_cb), self);
  g_signal_connect_swapped (self->templates_list, "row-activated", G_CALLBACK (template_row_activated_cb), self);
  g_signal_connect_swapped (self->review, "comment", G_CALLBACK (review_comment_cb), self);

  build_what_if (self);
  build_templates_list (self);
  plt_coverage_chart_set_timeline (self->chart, self->timeline);
  gtk_paned_set_position (self->paned, 460);

  update_day_dropdown (self);
  update_range (self);
  set_forecast (self, NULL, NULL);
  update_caps (self);
  show_status (self, "network-offline-symbolic", _("Not connected"), _("Connect to a router to plan"));
}

/* ---------------------------------------------------------------------------
 * Public API
 */

GtkWidget *
plt_planning_page_new (void)
{
  return g_object_new (PLT_TYPE_PLANNING_PAGE, NULL);
}

void
plt_planning_page_set_client (PltPlanningPage *self,
                              PltClient       *client)
{
  g_return_if_fail (PLT_IS_PLANNING_PAGE (self));
  g_return_if_fail (client == NULL || PLT_IS_CLIENT (client));

  if (self->client == client)
    return;

  close_document (self);
  g_clear_pointer (&self->team, g_free);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (plt_model_get_teams (plt_client_get_model (self->client)), self);

  g_set_object (&self->client, client);
  g_signal_group_set_target (self->client_signals, client);
  if (client != NULL)
    {
      g_signal_connect_swapped (plt_model_get_teams (plt_client_get_model (client)), "items-changed",
                                G_CALLBACK (teams_changed_cb), self);
      plt_timeline_set_clock (self->timeline, plt_client_get_clock (client));
      show_status (self, "x-office-calendar-symbolic", _("Loading the planning"), NULL);
    }
  else
    {
      plt_timeline_set_clock (self->timeline, NULL);
      show_status (self, "network-offline-symbolic", _("Not connected"), _("Connect to a router to plan"));
    }

  update_all (self);
}

void
plt_planning_page_set_demo_forecast (PltPlanningPage *self,
                                     gboolean         demo)
{
  g_return_if_fail (PLT_IS_PLANNING_PAGE (self));

  self->demo_forecast = !!demo;
  refresh_forecast (self);
}

void
plt_planning_page_show (PltPlanningPage *self,
                        const char      *team,
                        const PltWeek   *week)
{
  g_return_if_fail (PLT_IS_PLANNING_PAGE (self));
  g_return_if_fail (week != NULL);

  if (self->team_ids != NULL)
    for (guint i = 0; i < self->team_ids->len; i++)
      if (g_strcmp0 (g_ptr_array_index (self->team_ids, i), team) == 0)
        {
          self->updating_teams = TRUE;
          gtk_drop_down_set_selected (self->team_dropdown, i);
          self->updating_teams = FALSE;
        }

  date_of_week_day (week, 0, &self->day);
  self->week = *week;
  if (g_strcmp0 (team, self->team) != 0)
    open_team (self, team);
  set_week (self, week);
}

void
plt_planning_page_set_day (PltPlanningPage *self,
                           const GDate     *date)
{
  PltWeek week;

  g_return_if_fail (PLT_IS_PLANNING_PAGE (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  self->day = *date;
  plt_week_from_date (date, &week);
  g_action_group_change_action_state (G_ACTION_GROUP (self->actions), "mode", g_variant_new_string ("day"));
  set_week (self, &week);
  update_day_dropdown (self);
  update_range (self);
}

void
plt_planning_page_set_week_mode (PltPlanningPage *self)
{
  g_return_if_fail (PLT_IS_PLANNING_PAGE (self));

  g_action_group_change_action_state (G_ACTION_GROUP (self->actions), "mode", g_variant_new_string ("week"));
}

void
plt_planning_page_set_forecast (PltPlanningPage *self,
                                PltForecast     *forecast)
{
  g_return_if_fail (PLT_IS_PLANNING_PAGE (self));

  set_forecast (self, forecast, forecast != NULL ? _("Forecast: given to the console") : NULL);
}

void
plt_planning_page_set_journal_dir (PltPlanningPage *self,
                                   const char      *dir)
{
  g_return_if_fail (PLT_IS_PLANNING_PAGE (self));

  g_free (self->journal_dir);
  self->journal_dir = g_strdup (dir);
}

PltPlanningDocument *
plt_planning_page_get_document (PltPlanningPage *self)
{
  g_return_val_if_fail (PLT_IS_PLANNING_PAGE (self), NULL);

  return self->document;
}

PltPlanningSync *
plt_planning_page_get_sync (PltPlanningPage *self)
{
  g_return_val_if_fail (PLT_IS_PLANNING_PAGE (self), NULL);

  return self->sync;
}

const char *
plt_planning_page_get_team (PltPlanningPage *self)
{
  g_return_val_if_fail (PLT_IS_PLANNING_PAGE (self), NULL);

  return self->team;
}

void
plt_planning_page_get_week (PltPlanningPage *self,
                            PltWeek         *week)
{
  g_return_if_fail (PLT_IS_PLANNING_PAGE (self));

  *week = self->week;
}

GtkWidget *
_plt_planning_page_get_timeline (PltPlanningPage *self)
{
  return GTK_WIDGET (self->timeline);
}

GtkWidget *
_plt_planning_page_get_chart (PltPlanningPage *self)
{
  return GTK_WIDGET (self->chart);
}

GtkWidget *
_plt_planning_page_get_review (PltPlanningPage *self)
{
  return GTK_WIDGET (self->review);
}

GtkWidget *
_plt_planning_page_get_problems (PltPlanningPage *self)
{
  return GTK_WIDGET (self->problems_list);
}

gboolean
_plt_planning_page_is_loading (PltPlanningPage *self)
{
  g_return_val_if_fail (PLT_IS_PLANNING_PAGE (self), FALSE);

  if (self->client == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "status") == 0)
    return self->boot_id != NULL || (self->client != NULL && self->team == NULL && self->caps != 0);

  return self->document == NULL || !week_loaded (self, &self->week) ||
         (self->sync != NULL && plt_planning_sync_get_busy (self->sync));
}

GActionGroup *
_plt_planning_page_get_actions (PltPlanningPage *self)
{
  return G_ACTION_GROUP (self->actions);
}

GtkWidget *
_plt_planning_page_get_merge_dialog (PltPlanningPage *self)
{
  return self->merge_dialog;
}

const char *
_plt_planning_page_get_sync_text (PltPlanningPage *self)
{
  return self->sync_text;
}

const char *
_plt_planning_page_get_view (PltPlanningPage *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
_plt_planning_page_get_last_toast (PltPlanningPage *self)
{
  return self->last_toast;
}

GtkWidget *
_plt_planning_page_get_block_editor (PltPlanningPage *self)
{
  return self->edit_popover;
}

GtkWidget *
_plt_planning_page_get_publish_dialog (PltPlanningPage *self)
{
  return self->publish_dialog;
}
