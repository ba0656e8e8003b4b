/* plt-wallboard-editor.c — the wallboard's layout editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-queue.h"
#include "plt-wallboard-editor.h"

struct _PltWallboardEditor
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *file_group;
  AdwPreferencesGroup  *pages_group;
  GtkWidget            *add_button;
  GtkSwitch            *rotate_switch;
  GPtrArray            *page_rows;     /* AdwExpanderRow, one per page */

  PltWallboardLayout   *layout;
  PltModel             *model;
  GFile                *file;
  GtkNativeDialog      *chooser;
};

G_DEFINE_FINAL_TYPE (PltWallboardEditor, plt_wallboard_editor, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  SIGNAL_LAYOUT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild_pages (PltWallboardEditor *self,
                           int                 expanded);

static void
changed (PltWallboardEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_LAYOUT_CHANGED], 0);
}

/* Which page a row's widget belongs to: set on every widget that edits one. */
static guint
page_index_of (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "plt-page-index"));
}

static void
set_page_index (gpointer widget,
                guint    index)
{
  g_object_set_data (G_OBJECT (widget), "plt-page-index", GUINT_TO_POINTER (index));
}

static PltWallboardPage *
page_of (PltWallboardEditor *self,
         gpointer            widget)
{
  guint index = page_index_of (widget);

  g_return_val_if_fail (index < plt_wallboard_layout_get_n_pages (self->layout), NULL);

  return plt_wallboard_layout_get_page (self->layout, index);
}

static char *
page_subtitle (const PltWallboardPage *page)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: how long a wallboard page stays, "20 s" */
  g_string_append_printf (text, _("%u s"), page->interval_s);
  for (guint i = 0; i < page->n_tiles; i++)
    g_string_append_printf (text, i == 0 ? " · %s" : ", %s",
                            plt_wallboard_tile_get_label (page->tiles[i]));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_page_row (PltWallboardEditor *self,
                 guint               index)
{
  const PltWallboardPage *page = plt_wallboard_layout_get_page (self->layout, index);
  AdwExpanderRow *row = g_ptr_array_index (self->page_rows, index);
  g_autofree char *title = plt_wallboard_page_dup_title (page);
  g_autofree char *subtitle = page_subtitle (page);
  g_autofree char *numbered = NULL;
  g_autofree char *escaped = NULL;

  /* Translators: a page of the wallboard in the layout editor, "2. Agents" */
  numbered = g_strdup_printf (_("%u. %s"), index + 1, title);
  escaped = g_markup_escape_text (numbered, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_expander_row_set_subtitle (row, subtitle);
}

/* Page rows -------------------------------------------------------------- */

static void
title_applied_cb (AdwEntryRow        *entry,
                  PltWallboardEditor *self)
{
  PltWallboardPage *page = page_of (self, entry);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_free (page->title);
  page->title = text[0] != '\0' ? g_utf8_substring (text, 0, PLT_WALLBOARD_MAX_TITLE) : NULL;
  update_page_row (self, page_index_of (entry));
  changed (self);
}

static void
interval_changed_cb (GtkSpinButton      *spin,
                     PltWallboardEditor *self)
{
  PltWallboardPage *page = page_of (self, spin);
  guint interval = (guint) gtk_spin_button_get_value_as_int (spin);

  if (page->interval_s == interval)
    return;

  page->interval_s = interval;
  update_page_row (self, page_index_of (spin));
  changed (self);
}

static void
update_tile_checks (GtkWidget              *expander,
                    const PltWallboardPage *page)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (expander), "plt-tile-checks");

  /* The last tile of a page cannot be taken away. */
  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);
      gboolean active = gtk_check_button_get_active (check);

      gtk_widget_set_sensitive (GTK_WIDGET (check), !(active && page->n_tiles == 1));
    }
}

static void
tile_toggled_cb (GtkCheckButton     *check,
                 PltWallboardEditor *self)
{
  PltWallboardPage *page = page_of (self, check);
  PltWallboardTile tile = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "plt-tile"));
  guint index = page_index_of (check);

  plt_wallboard_page_set_tile (page, tile, gtk_check_button_get_active (check));
  update_tile_checks (g_ptr_array_index (self->page_rows, index), page);
  update_page_row (self, index);
  changed (self);
}

static void
update_queue_checks (GtkWidget              *expander,
                     const PltWallboardPage *page)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (expander), "plt-queue-checks");

  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (checks, i);
      GtkWidget *row = gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW);

      gtk_widget_set_sensitive (row, page->queues[0] != NULL);
    }
}

/* The page's queue list from the checked boxes, in the order of the rows. */
static void
read_queue_checks (PltWallboardPage *page,
                   GPtrArray        *checks)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "plt-queue-id"));
    }

  g_strfreev (page->queues);
  page->queues = g_strv_builder_end (builder);
}

static void
all_queues_cb (GtkSwitch          *all_switch,
               GParamSpec         *pspec,
               PltWallboardEditor *self)
{
  PltWallboardPage *page = page_of (self, all_switch);
  GtkWidget *expander = g_ptr_array_index (self->page_rows, page_index_of (all_switch));
  GPtrArray *checks = g_object_get_data (G_OBJECT (expander), "plt-queue-checks");
  gboolean all = gtk_switch_get_active (all_switch);

  if (all == (page->queues[0] == NULL))
    return;

  if (all)
    {
      g_strfreev (page->queues);
      page->queues = g_new0 (char *, 1);
    }
  else
    {
      read_queue_checks (page, checks);
      /* Choosing queues starts from every queue ticked. */
      if (page->queues[0] == NULL)
        {
          for (guint i = 0; i < checks->len; i++)
            gtk_check_button_set_active (g_ptr_array_index (checks, i), TRUE);
          read_queue_checks (page, checks);
        }
    }

  update_queue_checks (expander, page);
  changed (self);
}

static void
queue_toggled_cb (GtkCheckButton     *check,
                  PltWallboardEditor *self)
{
  PltWallboardPage *page = page_of (self, check);
  GtkWidget *expander = g_ptr_array_index (self->page_rows, page_index_of (check));

  if (page->queues[0] == NULL)
    return;

  read_queue_checks (page, g_object_get_data (G_OBJECT (expander), "plt-queue-checks"));
  changed (self);
}

static void
move_page (PltWallboardEditor *self,
           guint               from,
           guint               to)
{
  GPtrArray *pages = self->layout->pages;
  gpointer page;

  if (to >= pages->len || from >= pages->len || from == to)
    return;

  page = g_ptr_array_steal_index (pages, from);
  g_ptr_array_insert (pages, (int) to, page);
  rebuild_pages (self, (int) to);
  changed (self);
}

static void
move_up_cb (GtkButton          *button,
            PltWallboardEditor *self)
{
  guint index = page_index_of (button);

  if (index > 0)
    move_page (self, index, index - 1);
}

static void
move_down_cb (GtkButton          *button,
              PltWallboardEditor *self)
{
  guint index = page_index_of (button);

  move_page (self, index, index + 1);
}

static void
remove_cb (GtkButton          *button,
           PltWallboardEditor *self)
{
  guint index = page_index_of (button);

  if (self->layout->pages->len <= 1)
    return;

  g_ptr_array_remove_index (self->layout->pages, index);
  rebuild_pages (self, -1);
  changed (self);
}

static void
add_page_cb (PltWallboardEditor *self)
{
  guint n = self->layout->pages->len;

  if (n >= PLT_WALLBOARD_MAX_PAGES)
    return;

  g_ptr_array_add (self->layout->pages, plt_wallboard_page_new ());
  rebuild_pages (self, (int) n);
  changed (self);
}

static GtkWidget *
make_icon_button (const char *icon_name,
                  const char *label,
                  guint       index)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  set_page_index (button, index);

  return button;
}

/* The queues to choose from: the model's, then any the page names that the
 * model does not have (yet). */
static GPtrArray *
queue_choices (PltWallboardEditor     *self,
               const PltWallboardPage *page)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func (g_free);

  if (self->model != NULL)
    {
      GListModel *queues = G_LIST_MODEL (plt_model_get_queues (self->model));

      for (guint i = 0; i < g_list_model_get_n_items (queues); i++)
        {
          g_autoptr(PltQueue) queue = g_list_model_get_item (queues, i);

          g_ptr_array_add (choices, g_strdup (plt_queue_get_id (queue)));
        }
    }

  for (guint i = 0; page->queues[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (choices, page->queues[i], g_str_equal, NULL))
      g_ptr_array_add (choices, g_strdup (page->queues[i]));

  return choices;
}

static GtkWidget *
make_page_row (PltWallboardEditor     *self,
               const PltWallboardPage *page,
               guint                   index)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *row;
  GtkWidget *widget;
  GtkWidget *box;
  GPtrArray *tile_checks = g_ptr_array_new ();
  GPtrArray *queue_checks = g_ptr_array_new ();
  g_autoptr(GPtrArray) choices = queue_choices (self, page);
  guint n_pages = self->layout->pages->len;

  g_object_set_data_full (G_OBJECT (expander), "plt-tile-checks", tile_checks,
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (expander), "plt-queue-checks", queue_checks,
                          (GDestroyNotify) g_ptr_array_unref);

  /* Title */
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Title"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), page->title != NULL ? page->title : "");
  set_page_index (row, index);
  g_signal_connect (row, "apply", G_CALLBACK (title_applied_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  /* Interval */
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Time on screen"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Seconds before the next page, while the pages rotate"));
  widget = gtk_spin_button_new_with_range (PLT_WALLBOARD_MIN_INTERVAL, PLT_WALLBOARD_MAX_INTERVAL, 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), page->interval_s);
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time on screen, in seconds"),
                                  -1);
  set_page_index (widget, index);
  g_signal_connect (widget, "value-changed", G_CALLBACK (interval_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  /* Tiles, in the order of the page first, then the others */
  for (guint pass = 0; pass < 2; pass++)
    for (guint t = 0; t < PLT_WALLBOARD_N_TILES; t++)
      {
        PltWallboardTile tile = pass == 0 && t < page->n_tiles ? page->tiles[t] : (PltWallboardTile) t;

        if ((pass == 0 && t >= page->n_tiles) ||
            (pass == 1 && plt_wallboard_page_has_tile (page, tile)))
          continue;

        row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), plt_wallboard_tile_get_label (tile));
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), plt_wallboard_tile_get_description (tile));
        widget = gtk_check_button_new ();
        gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), plt_wallboard_page_has_tile (page, tile));
        gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, plt_wallboard_tile_get_label (tile),
                                        -1);
        set_page_index (widget, index);
        g_object_set_data (G_OBJECT (widget), "plt-tile", GUINT_TO_POINTER (tile));
        g_signal_connect (widget, "toggled", G_CALLBACK (tile_toggled_cb), self);
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), widget);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        g_ptr_array_add (tile_checks, widget);
      }

  /* Queues */
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("All queues"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Show every queue, those to come included"));
  widget = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (widget), page->queues[0] == NULL);
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("All queues"),
                                  -1);
  set_page_index (widget, index);
  g_signal_connect (widget, "notify::active", G_CALLBACK (all_queues_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  for (guint i = 0; i < choices->len; i++)
    {
      const char *id = g_ptr_array_index (choices, i);
      PltQueue *queue = self->model != NULL ? plt_model_lookup_queue (self->model, id) : NULL;
      const char *name = queue != NULL && plt_queue_get_name (queue) != NULL ? plt_queue_get_name (queue) : id;
      g_autofree char *escaped = g_markup_escape_text (name, -1);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      if (queue == NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not announced by the router"));
      widget = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (widget),
                                   page->queues[0] != NULL &&
                                   g_strv_contains ((const char * const *) page->queues, id));
      gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      set_page_index (widget, index);
      g_object_set_data_full (G_OBJECT (widget), "plt-queue-id", g_strdup (id), g_free);
      g_signal_connect (widget, "toggled", G_CALLBACK (queue_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), widget);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
      g_ptr_array_add (queue_checks, widget);
    }

  /* Order and removal */
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Page"));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  widget = make_icon_button ("go-up-symbolic", _("Move up"), index);
  gtk_widget_set_sensitive (widget, index > 0);
  g_signal_connect (widget, "clicked", G_CALLBACK (move_up_cb), self);
  gtk_box_append (GTK_BOX (box), widget);
  widget = make_icon_button ("go-down-symbolic", _("Move down"), index);
  gtk_widget_set_sensitive (widget, index + 1 < n_pages);
  g_signal_connect (widget, "clicked", G_CALLBACK (move_down_cb), self);
  gtk_box_append (GTK_BOX (box), widget);
  widget = make_icon_button ("user-trash-symbolic", _("Remove page"), index);
  gtk_widget_remove_css_class (widget, "flat");
  gtk_widget_add_css_class (widget, "destructive-action");
  gtk_widget_set_sensitive (widget, n_pages > 1);
  g_signal_connect (widget, "clicked", G_CALLBACK (remove_cb), self);
  gtk_box_append (GTK_BOX (box), widget);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  update_tile_checks (expander, page);
  update_queue_checks (expander, page);

  return expander;
}

static void
rebuild_pages (PltWallboardEditor *self,
               int                 expanded)
{
  for (guint i = 0; i < self->page_rows->len; i++)
    adw_preferences_group_remove (self->pages_group, g_ptr_array_index (self->page_rows, i));
  g_ptr_array_set_size (self->page_rows, 0);

  for (guint i = 0; i < self->layout->pages->len; i++)
    {
      GtkWidget *row = make_page_row (self, g_ptr_array_index (self->layout->pages, i), i);

      g_ptr_array_add (self->page_rows, row);
      adw_preferences_group_add (self->pages_group, row);
      update_page_row (self, i);
      if ((int) i == expanded)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }

  gtk_widget_set_sensitive (self->add_button, self->layout->pages->len < PLT_WALLBOARD_MAX_PAGES);
  gtk_switch_set_active (self->rotate_switch, self->layout->rotate);
}

/* Sharing ---------------------------------------------------------------- */

static void
toast (PltWallboardEditor *self,
       const char         *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     PltWallboardEditor *self)
{
  gboolean save = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  if (save)
    {
      if (!plt_wallboard_editor_export (self, file, &error))
        toast (self, error->message);
      else
        toast (self, _("Layout exported"));
    }
  else if (!plt_wallboard_editor_import (self, file, &error))
    toast (self, error->message);
  else
    toast (self, _("Layout imported"));
}

static void
open_chooser (PltWallboardEditor   *self,
              GtkFileChooserAction  action)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    chooser = gtk_file_chooser_native_new (_("Export the wallboard layout"), GTK_WINDOW (self),
                                           action, _("_Export"), _("_Cancel"));
  else
    chooser = gtk_file_chooser_native_new (_("Import a wallboard layout"), GTK_WINDOW (self),
                                           action, _("_Import"), _("_Cancel"));

  gtk_file_filter_set_name (filter, _("Wallboard layouts"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    /* Translators: the file name offered when a wallboard layout is exported */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("wallboard.json"));

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

static void
export_cb (PltWallboardEditor *self)
{
  open_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
import_cb (PltWallboardEditor *self)
{
  open_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
restore_default_cb (PltWallboardEditor *self)
{
  g_autoptr(PltWallboardLayout) layout = plt_wallboard_layout_new_default ();

  if (plt_wallboard_layout_equal (layout, self->layout))
    return;

  plt_wallboard_layout_free (self->layout);
  self->layout = g_steal_pointer (&layout);
  rebuild_pages (self, -1);
  changed (self);
  toast (self, _("Default layout restored"));
}

static void
rotate_cb (PltWallboardEditor *self)
{
  gboolean rotate = gtk_switch_get_active (self->rotate_switch);

  if (rotate == self->layout->rotate)
    return;

  self->layout->rotate = rotate;
  changed (self);
}

/* GObject ---------------------------------------------------------------- */

static void
plt_wallboard_editor_dispose (GObject *object)
{
  PltWallboardEditor *self = (PltWallboardEditor *)object;

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->model);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (plt_wallboard_editor_parent_class)->dispose (object);
}

static void
plt_wallboard_editor_finalize (GObject *object)
{
  PltWallboardEditor *self = (PltWallboardEditor *)object;

  g_clear_pointer (&self->page_rows, g_ptr_array_unref);
  g_clear_pointer (&self->layout, plt_wallboard_layout_free);

  G_OBJECT_CLASS (plt_wallboard_editor_parent_class)->finalize (object);
}

static void
plt_wallboard_editor_class_init (PltWallboardEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_wallboard_editor_dispose;
  object_class->finalize = plt_wallboard_editor_finalize;

  signals[SIGNAL_LAYOUT_CHANGED] =
    g_signal_new ("layout-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static GtkWidget *
make_button_row (const char *title,
                 const char *subtitle,
                 const char *button_label,
                 GCallback   callback,
                 gpointer    user_data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (button_label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", callback, user_data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  return row;
}

static void
plt_wallboard_editor_init (PltWallboardEditor *self)
{
  GtkWidget *group;
  GtkWidget *row;
  GtkWidget *box;

  self->page_rows = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Wallboard layout"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 760);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (self->page, _("Layout"));
  adw_preferences_page_set_icon_name (self->page, "view-grid-symbolic");
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->page);

  /* Where the layout comes from, when it is a file */
  self->file_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->file_group, _("Layout file"));
  gtk_widget_set_visible (GTK_WIDGET (self->file_group), FALSE);
  adw_preferences_page_add (self->page, self->file_group);

  /* Rotation */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Rotation"));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Rotate pages"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Show each page for its time, then the next; any key or movement pauses the rotation for a minute"));
  self->rotate_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->rotate_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rotate_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rotate pages"),
                                  -1);
  g_signal_connect_swapped (self->rotate_switch, "notify::active", G_CALLBACK (rotate_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->rotate_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->rotate_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));

  /* Pages */
  self->pages_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->pages_group, _("Pages"));
  adw_preferences_group_set_description (self->pages_group,
                                         _("Each page shows its tiles for its queues: cards in a row at the top, queues, gauges and agents below"));
  self->add_button = gtk_button_new ();
  box = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (box), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (box), _("_Add page"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (box), TRUE);
  gtk_button_set_child (GTK_BUTTON (self->add_button), box);
  gtk_widget_add_css_class (self->add_button, "flat");
  gtk_widget_set_valign (self->add_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_page_cb), self);
  adw_preferences_group_set_header_suffix (self->pages_group, self->add_button);
  adw_preferences_page_add (self->page, self->pages_group);

  /* Sharing */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Share"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             make_button_row (_("Export"), _("Save this layout as a file, to use on other wallboards"),
                                              _("_Export…"), G_CALLBACK (export_cb), self));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             make_button_row (_("Import"), _("Replace this layout with one from a file"),
                                              _("_Import…"), G_CALLBACK (import_cb), self));
  row = make_button_row (_("Default layout"), _("Queues, service level and agents on three pages"),
                         _("_Restore"), G_CALLBACK (restore_default_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
}

/**
 * plt_wallboard_editor_new:
 * @parent: (nullable): the window it edits for
 * @layout: the layout to start from (copied)
 * @model: (nullable): the model whose queues can be chosen
 * @file: (nullable): the file @layout came from, when it is not the saved one
 *
 * Returns: (transfer floating): a new #PltWallboardEditor
 */
GtkWidget *
plt_wallboard_editor_new (GtkWindow                *parent,
                          const PltWallboardLayout *layout,
                          PltModel                 *model,
                          GFile                    *file)
{
  PltWallboardEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (model == NULL || PLT_IS_MODEL (model), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (PLT_TYPE_WALLBOARD_EDITOR,
                       "transient-for", parent,
                       "modal", FALSE,
                       NULL);
  self->layout = plt_wallboard_layout_copy (layout);
  self->model = model != NULL ? g_object_ref (model) : NULL;
  self->file = file != NULL ? g_object_ref (file) : NULL;

  if (file != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *description = NULL;

      /* Translators: the layout editor of a wallboard started with --layout FILE */
      description = g_strdup_printf (_("This wallboard shows the layout file “%s”. Changes apply to this wallboard until it closes: export them to keep them."),
                                     name);
      adw_preferences_group_set_description (self->file_group, description);
      gtk_widget_set_visible (GTK_WIDGET (self->file_group), TRUE);
    }

  rebuild_pages (self, -1);

  return GTK_WIDGET (self);
}

const PltWallboardLayout *
plt_wallboard_editor_get_layout (PltWallboardEditor *self)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_EDITOR (self), NULL);

  return self->layout;
}

gboolean
plt_wallboard_editor_import (PltWallboardEditor  *self,
                             GFile               *file,
                             GError             **error)
{
  PltWallboardLayout *layout;

  g_return_val_if_fail (PLT_IS_WALLBOARD_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  layout = plt_wallboard_layout_new_from_file (file, error);
  if (layout == NULL)
    return FALSE;

  plt_wallboard_layout_free (self->layout);
  self->layout = layout;
  rebuild_pages (self, -1);
  changed (self);

  return TRUE;
}

gboolean
plt_wallboard_editor_export (PltWallboardEditor  *self,
                             GFile               *file,
                             GError             **error)
{
  g_return_val_if_fail (PLT_IS_WALLBOARD_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return plt_wallboard_layout_save_to_file (self->layout, file, error);
}
