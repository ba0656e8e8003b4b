/* plt-planning-review.c — the draft against the published version, and
 * the comments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-planning-review.h"
#include "plt-timeline.h"
#include "plt-timeline-state.h"

struct _PltPlanningReview
{
  GtkWidget      parent_instance;

  GtkWidget     *paned;
  PltTimeline   *timeline;
  GtkLabel      *summary;
  GtkListBox    *changes;
  GtkListBox    *comments;
  GtkWidget     *comment_box;
  GtkEntry      *entry;
  GtkWidget     *send;

  PltSite       *site;
  GPtrArray     *agents;
  GPtrArray     *diff;
  guint          n_comments;
  char          *selected_agent;
  char          *selected_date;
};

G_DEFINE_FINAL_TYPE (PltPlanningReview, plt_planning_review, GTK_TYPE_WIDGET)

enum {
  COMMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
agent_name (PltPlanningReview *self,
            const char        *id)
{
  for (guint i = 0; self->agents != NULL && i < self->agents->len; i++)
    {
      const PltPlanningAgent *agent = g_ptr_array_index (self->agents, i);

      if (g_strcmp0 (agent->id, id) == 0)
        return agent->name != NULL ? agent->name : id;
    }

  return id;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
caption (const char *text,
         const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
describe_change (PltPlanningReview       *self,
                 const PltActivityChange *change)
{
  switch (change->kind)
    {
    case PLT_CHANGE_ADDED:
      {
        g_autofree char *after = plt_timeline_describe_span (change->after->kind, self->site,
                                                             change->after->start, change->after->end);

        /* Translators: a change in the review: an activity added */
        return g_strdup_printf (_("Added: %s"), after);
      }
    case PLT_CHANGE_REMOVED:
      {
        g_autofree char *before = plt_timeline_describe_span (change->before->kind, self->site,
                                                              change->before->start, change->before->end);

        return g_strdup_printf (_("Removed: %s"), before);
      }
    case PLT_CHANGE_CHANGED:
    default:
      {
        g_autofree char *before = plt_timeline_describe_span (change->before->kind, self->site,
                                                              change->before->start, change->before->end);
        g_autofree char *from = plt_timeline_format_clock (self->site, change->after->start);
        g_autofree char *to = plt_timeline_format_clock (self->site, change->after->end);

        /* Translators: an activity moved or resized: what it was, and its new times */
        return g_strdup_printf (_("Changed: %s, now %s–%s"), before, from, to);
      }
    }
}

static GtkWidget *
change_row (PltPlanningReview *self,
            const PltDayDiff  *diff)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  g_autofree char *heading = NULL;
  char date[64];
  char date_key[11];

  if (g_date_strftime (date, sizeof date, _("%A %d %B"), &diff->date) == 0)
    date[0] = '\0';
  /* Translators: the agent and the day of changes in the review */
  heading = g_strdup_printf (_("%s — %s"), agent_name (self, diff->agent), date);
  gtk_box_append (GTK_BOX (box), caption (heading, "heading"));

  for (guint i = 0; i < diff->changes->len; i++)
    {
      const PltActivityChange *change = g_ptr_array_index (diff->changes, i);
      g_autofree char *text = describe_change (self, change);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name (change->kind == PLT_CHANGE_ADDED ? "list-add-symbolic"
                                                      : change->kind == PLT_CHANGE_REMOVED ? "list-remove-symbolic"
                                                      : "document-edit-symbolic");

      gtk_widget_add_css_class (icon, change->kind == PLT_CHANGE_ADDED ? "success"
                                      : change->kind == PLT_CHANGE_REMOVED ? "error" : "warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      change->kind == PLT_CHANGE_ADDED ? _("Added")
                                      : change->kind == PLT_CHANGE_REMOVED ? _("Removed") : _("Changed"),
                                      -1);
      gtk_box_append (GTK_BOX (line), icon);
      gtk_box_append (GTK_BOX (line), caption (text, "caption"));
      gtk_box_append (GTK_BOX (box), line);
    }

  if (diff->absences_changed)
    gtk_box_append (GTK_BOX (box), caption (_("The approved time off changed"), "caption"));

  if (diff->changed_by != NULL && diff->changed_by[0] != NULL)
    {
      g_autofree char *who = g_strjoinv (", ", diff->changed_by);
      g_autofree char *text = g_strdup_printf (_("Changed by %s"), who);

      gtk_box_append (GTK_BOX (box), caption (text, "dim-label"));
    }
  else
    gtk_box_append (GTK_BOX (box), caption (_("Not saved yet"), "dim-label"));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  plt_date_to_string (&diff->date, date_key);
  g_object_set_data_full (G_OBJECT (row), "agent", g_strdup (diff->agent), g_free);
  g_object_set_data_full (G_OBJECT (row), "date", g_strdup (date_key), g_free);
  if (diff->changes->len > 0)
    {
      const PltActivityChange *first = g_ptr_array_index (diff->changes, 0);
      gint64 start = first->after != NULL ? first->after->start : first->before->start;

      g_object_set_data_full (G_OBJECT (row), "start", g_memdup2 (&start, sizeof start), g_free);
    }
  return row;
}

static GtkWidget *
comment_row (PltPlanningReview        *self,
             const PltPlanningComment *comment)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (comment->at / 1000);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *heading = NULL;

  local = self->site != NULL ? g_date_time_to_timezone (utc, self->site->tz) : g_date_time_to_local (utc);
  /* Translators: when a comment was written, "Tue 24 Nov 14:05" */
  when = g_date_time_format (local, _("%a %d %b %H:%M"));
  if (comment->agent != NULL)
    /* Translators: a comment's author, when, and the agent it is about */
    heading = g_strdup_printf (_("%s · %s · about %s"), comment->by, when, agent_name (self, comment->agent));
  else
    heading = g_strdup_printf (_("%s · %s"), comment->by, when);

  gtk_box_append (GTK_BOX (box), caption (heading, "dim-label"));
  gtk_box_append (GTK_BOX (box), caption (comment->text, NULL));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
change_selected_cb (PltPlanningReview *self,
                    GtkListBoxRow     *row)
{
  gint64 *start;

  g_clear_pointer (&self->selected_agent, g_free);
  g_clear_pointer (&self->selected_date, g_free);
  if (row == NULL)
    return;

  self->selected_agent = g_strdup (g_object_get_data (G_OBJECT (row), "agent"));
  self->selected_date = g_strdup (g_object_get_data (G_OBJECT (row), "date"));
  start = g_object_get_data (G_OBJECT (row), "start");
  if (start != NULL && *start != 0)
    plt_timeline_scroll_to (self->timeline, self->selected_agent, *start);

  {
    g_autofree char *placeholder = g_strdup_printf (_("Comment on %s’s day…"), agent_name (self, self->selected_agent));

    gtk_entry_set_placeholder_text (self->entry, placeholder);
  }
}

static void
send_cb (PltPlanningReview *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  if (text[0] == '\0')
    return;

  g_signal_emit (self, signals[COMMENT], 0, text, self->selected_agent, self->selected_date);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

static void
entry_changed_cb (PltPlanningReview *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  gtk_widget_set_sensitive (self->send, text[0] != '\0');
}

static GtkWidget *
section_title (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *window = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (window), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (window), child);
  gtk_widget_set_vexpand (window, TRUE);
  return window;
}

static void
plt_planning_review_dispose (GObject *object)
{
  PltPlanningReview *self = PLT_PLANNING_REVIEW (object);

  g_clear_pointer (&self->paned, gtk_widget_unparent);
  g_clear_pointer (&self->agents, g_ptr_array_unref);
  g_clear_pointer (&self->diff, g_ptr_array_unref);

  G_OBJECT_CLASS (plt_planning_review_parent_class)->dispose (object);
}

static void
plt_planning_review_finalize (GObject *object)
{
  PltPlanningReview *self = PLT_PLANNING_REVIEW (object);

  g_clear_pointer (&self->site, plt_site_free);
  g_free (self->selected_agent);
  g_free (self->selected_date);

  G_OBJECT_CLASS (plt_planning_review_parent_class)->finalize (object);
}

static void
plt_planning_review_class_init (PltPlanningReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_planning_review_dispose;
  object_class->finalize = plt_planning_review_finalize;

  signals[COMMENT] =
    g_signal_new ("comment", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "planningreview");
}

static void
plt_planning_review_init (PltPlanningReview *self)
{
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *timeline_scroller = gtk_scrolled_window_new ();

  self->timeline = PLT_TIMELINE (plt_timeline_new ());
  plt_timeline_set_editable (self->timeline, FALSE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (timeline_scroller), GTK_WIDGET (self->timeline));
  gtk_widget_set_hexpand (timeline_scroller, TRUE);

  self->summary = GTK_LABEL (caption ("", "dim-label"));
  self->changes = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->changes, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->changes), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->changes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Changes since the published version"), -1);
  g_signal_connect_swapped (self->changes, "row-selected", G_CALLBACK (change_selected_cb), self);

  self->comments = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->comments, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->comments), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->comments), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Comments"), -1);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  gtk_entry_set_placeholder_text (self->entry, _("Comment on the week…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comment"), -1);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (send_cb), self);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);
  self->send = gtk_button_new_with_mnemonic (_("_Comment"));
  gtk_widget_set_sensitive (self->send, FALSE);
  g_signal_connect_swapped (self->send, "clicked", G_CALLBACK (send_cb), self);
  self->comment_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self->comment_box), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (self->comment_box), self->send);

  gtk_box_append (GTK_BOX (side), section_title (_("Changes")));
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->summary));
  gtk_box_append (GTK_BOX (side), scrolled (GTK_WIDGET (self->changes)));
  gtk_box_append (GTK_BOX (side), section_title (_("Comments")));
  gtk_box_append (GTK_BOX (side), scrolled (GTK_WIDGET (self->comments)));
  gtk_box_append (GTK_BOX (side), self->comment_box);
  gtk_widget_set_size_request (side, 340, -1);
  gtk_widget_add_css_class (side, "planning-side");

  self->paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (self->paned), timeline_scroller);
  gtk_paned_set_end_child (GTK_PANED (self->paned), side);
  gtk_paned_set_resize_end_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (self->paned), FALSE);
  gtk_widget_set_parent (self->paned, GTK_WIDGET (self));
}

GtkWidget *
plt_planning_review_new (void)
{
  return g_object_new (PLT_TYPE_PLANNING_REVIEW, NULL);
}

void
plt_planning_review_set_data (PltPlanningReview *self,
                              PltSchedule       *draft,
                              gint64             revision,
                              PltSchedule       *published,
                              gint64             published_version,
                              gint64             published_revision,
                              const char        *published_by,
                              GPtrArray         *agents,
                              const PltSite     *site,
                              GPtrArray         *audit,
                              GPtrArray         *comments)
{
  g_autoptr(GPtrArray) diff = NULL;
  g_autofree char *summary = NULL;
  GDate first;
  guint n_days = 0;

  g_return_if_fail (PLT_IS_PLANNING_REVIEW (self));
  g_return_if_fail (draft != NULL && site != NULL);

  g_clear_pointer (&self->site, plt_site_free);
  self->site = plt_site_copy (site);
  if (agents != NULL)
    g_ptr_array_ref (agents);
  g_clear_pointer (&self->agents, g_ptr_array_unref);
  self->agents = agents;

  g_date_clear (&first, 1);
  plt_timeline_get_range (self->timeline, &first, &n_days);
  plt_timeline_set_schedule (self->timeline, draft, agents, site);
  if (g_date_valid (&first))
    plt_timeline_set_range (self->timeline, &first, n_days);

  diff = plt_planning_diff (published, draft, audit, published_version > 0 ? published_revision : 0);

  /* Only the days shown: the week of the range */
  if (g_date_valid (&first))
    {
      GDate monday, sunday;
      PltWeek week;

      plt_week_from_date (&first, &week);
      g_date_clear (&monday, 1);
      plt_week_get_monday (&week, &monday);
      sunday = monday;
      g_date_add_days (&sunday, 6);
      for (guint i = 0; i < diff->len; i++)
        {
          const PltDayDiff *d = g_ptr_array_index (diff, i);

          if (g_date_compare (&d->date, &monday) < 0 || g_date_compare (&d->date, &sunday) > 0)
            g_ptr_array_remove_index (diff, i--);
        }
    }

  g_clear_pointer (&self->diff, g_ptr_array_unref);
  self->diff = g_ptr_array_ref (diff);
  plt_timeline_set_diff (self->timeline, diff);

  clear_list (self->changes);
  for (guint i = 0; i < diff->len; i++)
    gtk_list_box_append (self->changes, change_row (self, g_ptr_array_index (diff, i)));

  if (published_version > 0)
    {
      g_autofree char *days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u agent-day differs",
                                                            "%u agent-days differ",
                                                            diff->len),
                                               diff->len);

      /* Translators: the review's summary: the draft's revision, the version
       * published, who published it, and how many agent-days differ */
      summary = g_strdup_printf (_("Draft revision %" G_GINT64_FORMAT " against published version %" G_GINT64_FORMAT
                                   " (by %s): %s"),
                                 revision, published_version, published_by != NULL ? published_by : "—", days);
    }
  else
    summary = g_strdup_printf (_("Draft revision %" G_GINT64_FORMAT ": nothing published yet, every shift is new"),
                               revision);
  gtk_label_set_label (self->summary, summary);

  clear_list (self->comments);
  self->n_comments = comments != NULL ? comments->len : 0;
  for (guint i = 0; comments != NULL && i < comments->len; i++)
    gtk_list_box_append (self->comments, comment_row (self, g_ptr_array_index (comments, i)));
  if (self->n_comments == 0)
    {
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), caption (_("No comments yet"), "dim-label"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->comments, row);
    }
}

void
plt_planning_review_set_range (PltPlanningReview *self,
                               const GDate       *first,
                               guint              n_days)
{
  g_return_if_fail (PLT_IS_PLANNING_REVIEW (self));

  plt_timeline_set_range (self->timeline, first, n_days);
}

void
plt_planning_review_set_team_name (PltPlanningReview *self,
                                   const char        *team,
                                   const char        *name)
{
  g_return_if_fail (PLT_IS_PLANNING_REVIEW (self));

  if (team != NULL)
    plt_timeline_set_team_name (self->timeline, team, name);
}

void
plt_planning_review_set_can_comment (PltPlanningReview *self,
                                     gboolean           can_comment)
{
  g_return_if_fail (PLT_IS_PLANNING_REVIEW (self));

  gtk_widget_set_visible (self->comment_box, can_comment);
}

GPtrArray *
plt_planning_review_get_diff (PltPlanningReview *self)
{
  g_return_val_if_fail (PLT_IS_PLANNING_REVIEW (self), NULL);

  return self->diff;
}

guint
plt_planning_review_get_n_comments (PltPlanningReview *self)
{
  g_return_val_if_fail (PLT_IS_PLANNING_REVIEW (self), 0);

  return self->n_comments;
}

void
_plt_planning_review_send_comment (PltPlanningReview *self,
                                   const char        *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  send_cb (self);
}
