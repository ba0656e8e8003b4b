/* plt-planning-merge-dialog.c — mine or theirs, per agent-day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-plan-actual-strip.h"
#include "plt-planning-merge-dialog.h"
#include "plt-timeline-state.h"

typedef struct
{
  char      *key;
  GtkWidget *mine;
  GtkWidget *theirs;
} Row;

struct _PltPlanningMergeDialog
{
  AdwWindow            parent_instance;

  PltPlanningDocument *document;
  GArray              *rows;     /* Row */
  GtkWidget           *save;
};

G_DEFINE_FINAL_TYPE (PltPlanningMergeDialog, plt_planning_merge_dialog, ADW_TYPE_WINDOW)

enum {
  RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->key);
}

/* The span both versions need, whole hours, at least 08:00–18:00. */
static void
span_of (const PltSite          *site,
         const PltMergeConflict *conflict,
         gint64                 *start,
         gint64                 *end)
{
  const PltAgentDay *days[] = { conflict->base, conflict->mine, conflict->theirs };

  *start = plt_site_local_time (site, &conflict->date, 8 * 60);
  *end = plt_site_local_time (site, &conflict->date, 18 * 60);

  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    for (guint i = 0; days[d] != NULL && i < days[d]->shifts->len; i++)
      {
        const PltShift *shift = g_ptr_array_index (days[d]->shifts, i);

        *start = MIN (*start, shift->start);
        *end = MAX (*end, shift->end);
      }

  *start -= *start % PLT_MS_PER_HOUR;
  if (*end % PLT_MS_PER_HOUR != 0)
    *end += PLT_MS_PER_HOUR - *end % PLT_MS_PER_HOUR;
}

static char *
describe_day (const PltSite     *site,
              const PltAgentDay *day)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (day == NULL || day->shifts->len == 0)
    return g_strdup (_("No shift"));

  for (guint i = 0; i < day->shifts->len; i++)
    {
      const PltShift *shift = g_ptr_array_index (day->shifts, i);
      g_autofree char *span = plt_timeline_describe_span (PLT_ACTIVITY_WORK, site, shift->start, shift->end);

      g_string_append_printf (text, "%s%s", i > 0 ? "; " : "", span);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
version_column (const PltSite          *site,
                const PltMergeConflict *conflict,
                const PltAgentDay      *day,
                const char             *title,
                GtkWidget             **check,
                GtkWidget              *group)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *strip = plt_plan_actual_strip_new ();
  g_autofree char *words = describe_day (site, day);
  GtkWidget *label;
  gint64 start, end;

  *check = gtk_check_button_new_with_mnemonic (title);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (*check), GTK_CHECK_BUTTON (group));

  span_of (site, conflict, &start, &end);
  plt_plan_actual_strip_set_span (PLT_PLAN_ACTUAL_STRIP (strip), site, start, end);
  plt_plan_actual_strip_set_day (PLT_PLAN_ACTUAL_STRIP (strip), day);
  gtk_accessible_update_property (GTK_ACCESSIBLE (strip), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, words, -1);

  label = gtk_label_new (words);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");

  gtk_box_append (GTK_BOX (box), *check);
  gtk_box_append (GTK_BOX (box), strip);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_hexpand (box, TRUE);
  return box;
}

static void
save_clicked_cb (PltPlanningMergeDialog *self)
{
  g_autoptr(PltPlanningMergeDialog) hold = g_object_ref (self);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      g_autoptr(GError) error = NULL;
      PltMergeChoice choice = gtk_check_button_get_active (GTK_CHECK_BUTTON (row->theirs))
                              ? PLT_MERGE_TAKE_THEIRS : PLT_MERGE_KEEP_MINE;

      if (!plt_planning_document_resolve (self->document, row->key, choice, &error))
        g_warning ("The conflict of %s could not be resolved: %s", row->key, error->message);
    }

  g_signal_emit (self, signals[RESOLVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
plt_planning_merge_dialog_dispose (GObject *object)
{
  PltPlanningMergeDialog *self = PLT_PLANNING_MERGE_DIALOG (object);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (plt_planning_merge_dialog_parent_class)->dispose (object);
}

static void
plt_planning_merge_dialog_finalize (GObject *object)
{
  PltPlanningMergeDialog *self = PLT_PLANNING_MERGE_DIALOG (object);

  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (plt_planning_merge_dialog_parent_class)->finalize (object);
}

static void
plt_planning_merge_dialog_class_init (PltPlanningMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = plt_planning_merge_dialog_dispose;
  object_class->finalize = plt_planning_merge_dialog_finalize;

  signals[RESOLVED] =
    g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
plt_planning_merge_dialog_init (PltPlanningMergeDialog *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);

  gtk_window_set_title (GTK_WINDOW (self), _("Someone Else Changed the Same Days"));
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

GtkWidget *
plt_planning_merge_dialog_new (GtkWindow           *parent,
                               PltPlanningDocument *document,
                               GHashTable          *agent_names)
{
  PltPlanningMergeDialog *self;
  GPtrArray *conflicts;
  const PltSite *site;
  GtkWidget *content, *header, *scroller, *list, *intro, *clamp, *cancel;

  g_return_val_if_fail (PLT_IS_PLANNING_DOCUMENT (document), NULL);

  self = g_object_new (PLT_TYPE_PLANNING_MERGE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->document = g_object_ref (document);
  conflicts = plt_planning_document_get_conflicts (document);
  site = plt_planning_document_get_site (document);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Later"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (self->save, "suggested-action");
  g_signal_connect_swapped (self->save, "clicked", G_CALLBACK (save_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save);
  gtk_box_append (GTK_BOX (content), header);

  list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (list, 18);
  gtk_widget_set_margin_bottom (list, 18);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);

  intro = gtk_label_new (g_dngettext (GETTEXT_PACKAGE,
                                      "Another editor saved a different plan for this agent’s day while you were editing it. Choose the version to keep; the other is not lost until you save, and undo brings it back.",
                                      "Another editor saved different plans for these agents’ days while you were editing them. Choose the version to keep for each; the other is not lost until you save, and undo brings it back.",
                                      conflicts->len));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (list), intro);

  for (guint i = 0; i < conflicts->len; i++)
    {
      const PltMergeConflict *conflict = g_ptr_array_index (conflicts, i);
      const char *name = agent_names != NULL ? g_hash_table_lookup (agent_names, conflict->agent) : NULL;
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
      GtkWidget *versions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
      GtkWidget *title;
      g_autofree char *heading = NULL;
      char date[64];
      Row row = { 0 };

      if (g_date_strftime (date, sizeof date, _("%A %d %B"), &conflict->date) == 0)
        date[0] = '\0';
      heading = g_strdup_printf (_("%s — %s"), name != NULL ? name : conflict->agent, date);
      title = gtk_label_new (heading);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");

      row.key = g_strdup (conflict->key);
      gtk_box_append (GTK_BOX (versions), version_column (site, conflict, conflict->mine, _("Keep _mine"), &row.mine, NULL));
      gtk_box_append (GTK_BOX (versions), version_column (site, conflict, conflict->theirs, _("Take _theirs"), &row.theirs, row.mine));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row.mine), TRUE);

      gtk_box_append (GTK_BOX (card), title);
      gtk_box_append (GTK_BOX (card), versions);
      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "merge-row");
      gtk_box_append (GTK_BOX (list), card);
      g_array_append_val (self->rows, row);
    }

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (content), scroller);

  adw_window_set_content (ADW_WINDOW (self), content);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save);

  return GTK_WIDGET (self);
}

guint
plt_planning_merge_dialog_get_n_rows (PltPlanningMergeDialog *self)
{
  g_return_val_if_fail (PLT_IS_PLANNING_MERGE_DIALOG (self), 0);

  return self->rows->len;
}

void
_plt_planning_merge_dialog_choose (PltPlanningMergeDialog *self,
                                   guint                   index,
                                   PltMergeChoice          choice)
{
  Row *row;

  g_return_if_fail (index < self->rows->len);

  row = &g_array_index (self->rows, Row, index);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (choice == PLT_MERGE_TAKE_THEIRS ? row->theirs : row->mine), TRUE);
}

void
_plt_planning_merge_dialog_save (PltPlanningMergeDialog *self)
{
  g_signal_emit_by_name (self->save, "clicked");
}
