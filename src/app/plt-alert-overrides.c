/* plt-alert-overrides.c — the preferences of queues with alert thresholds of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-alert-overrides.h"
#include "plt-alerts.h"
#include "plt-ui-format.h"

#define SETTINGS_KEY_OVERRIDES "alert-queue-overrides"

struct _PltAlertOverrides
{
  AdwPreferencesGroup  parent_instance;

  GSettings           *settings;
  PltClient           *client;
  AdwComboRow         *add_row;
  GtkStringList       *add_names;
  GPtrArray           *add_ids;      /* the queue of each name of add_names */
  GPtrArray           *rows;         /* the expander rows shown */

  guint                writing : 1;  /* the change is ours: no rebuild */
};

G_DEFINE_FINAL_TYPE (PltAlertOverrides, plt_alert_overrides, ADW_TYPE_PREFERENCES_GROUP)

/* The overrides, as a table queue id → PltAlertThresholds. */
static GHashTable *
read_overrides (PltAlertOverrides *self)
{
  GHashTable *overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, SETTINGS_KEY_OVERRIDES);
  GVariantIter iter;
  const char *queue_id;
  GVariant *thresholds;

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "{&s@" PLT_ALERT_THRESHOLDS_VARIANT_TYPE "}", &queue_id, &thresholds))
    {
      PltAlertThresholds *t = g_new0 (PltAlertThresholds, 1);

      plt_alert_thresholds_from_variant (t, thresholds);
      g_hash_table_insert (overrides, g_strdup (queue_id), t);
      g_variant_unref (thresholds);
    }

  return overrides;
}

static void
write_overrides (PltAlertOverrides *self,
                 GHashTable        *overrides)
{
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a{s" PLT_ALERT_THRESHOLDS_VARIANT_TYPE "}"));
  g_autoptr(GList) ids = g_list_sort (g_hash_table_get_keys (overrides), (GCompareFunc) g_strcmp0);

  for (GList *l = ids; l != NULL; l = l->next)
    g_variant_builder_add (builder, "{s@" PLT_ALERT_THRESHOLDS_VARIANT_TYPE "}", l->data,
                           plt_alert_thresholds_to_variant (g_hash_table_lookup (overrides, l->data)));

  self->writing = TRUE;
  g_settings_set_value (self->settings, SETTINGS_KEY_OVERRIDES, g_variant_builder_end (builder));
  self->writing = FALSE;
}

static const char *
queue_name (PltAlertOverrides *self,
            const char        *queue_id)
{
  PltQueue *queue = NULL;

  if (self->client != NULL)
    queue = plt_model_lookup_queue (plt_client_get_model (self->client), queue_id);

  return queue != NULL && plt_queue_get_name (queue) != NULL ? plt_queue_get_name (queue) : queue_id;
}

static char *
describe (const PltAlertThresholds *t)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: a queue's own thresholds, in short: "Warning from 2
   * waiting, alarm from 4" */
  g_string_append_printf (text, _("Warning from %u waiting, alarm from %u"), t->waiting_warning, t->waiting_alarm);
  if (t->sl_target_percent > 0)
    {
      g_autofree char *target = plt_format_percent (t->sl_target_percent / 100.0);

      /* Translators: part of a queue's thresholds in short, "target 90 %" */
      g_string_append_printf (text, _(" · target %s"), target);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void rebuild (PltAlertOverrides *self);

/* One field of one queue's thresholds changed. */
static void
field_changed_cb (GObject           *widget,
                  GParamSpec        *pspec,
                  PltAlertOverrides *self)
{
  const char *queue_id = g_object_get_data (widget, "plt-queue");
  const char *field = g_object_get_data (widget, "plt-field");
  g_autoptr(GHashTable) overrides = read_overrides (self);
  PltAlertThresholds *t = g_hash_table_lookup (overrides, queue_id);
  AdwExpanderRow *row = g_object_get_data (widget, "plt-row");
  g_autofree char *summary = NULL;

  if (t == NULL)
    return;

  if (GTK_IS_SPIN_BUTTON (widget))
    {
      guint value = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget));

      if (g_str_equal (field, "waiting-warning"))
        t->waiting_warning = value;
      else if (g_str_equal (field, "waiting-alarm"))
        t->waiting_alarm = value;
      else if (g_str_equal (field, "longest-wait"))
        t->longest_wait_s = value;
      else if (g_str_equal (field, "target"))
        t->sl_target_percent = value;
    }
  else
    {
      gboolean active = gtk_switch_get_active (GTK_SWITCH (widget));

      if (g_str_equal (field, "service-level"))
        t->service_level = active;
      else if (g_str_equal (field, "projected-breach"))
        t->projected_breach = active;
    }

  summary = describe (t);
  adw_expander_row_set_subtitle (row, summary);
  write_overrides (self, overrides);
}

static void
add_spin (PltAlertOverrides *self,
          AdwExpanderRow    *expander,
          const char        *queue_id,
          const char        *field,
          const char        *title,
          const char        *subtitle,
          guint              value,
          guint              max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);
  g_autofree char *label = g_strdup_printf ("%s, %s", queue_name (self, queue_id), title);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (spin), "plt-queue", g_strdup (queue_id), g_free);
  g_object_set_data (G_OBJECT (spin), "plt-field", (gpointer) field);
  g_object_set_data (G_OBJECT (spin), "plt-row", expander);
  g_signal_connect_object (spin, "notify::value", G_CALLBACK (field_changed_cb), self, 0);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_expander_row_add_row (expander, row);
}

static void
add_switch (PltAlertOverrides *self,
            AdwExpanderRow    *expander,
            const char        *queue_id,
            const char        *field,
            const char        *title,
            gboolean           active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  g_autofree char *label = g_strdup_printf ("%s, %s", queue_name (self, queue_id), title);

  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (toggle), "plt-queue", g_strdup (queue_id), g_free);
  g_object_set_data (G_OBJECT (toggle), "plt-field", (gpointer) field);
  g_object_set_data (G_OBJECT (toggle), "plt-row", expander);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (field_changed_cb), self, 0);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_expander_row_add_row (expander, row);
}

static void
remove_clicked_cb (GtkButton         *button,
                   PltAlertOverrides *self)
{
  const char *queue_id = g_object_get_data (G_OBJECT (button), "plt-queue");
  g_autoptr(GHashTable) overrides = read_overrides (self);

  if (g_hash_table_remove (overrides, queue_id))
    {
      write_overrides (self, overrides);
      rebuild (self);
    }
}

static GtkWidget *
make_queue_row (PltAlertOverrides        *self,
                const char               *queue_id,
                const PltAlertThresholds *t)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *summary = describe (t);
  g_autofree char *remove_label = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), queue_name (self, queue_id));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), summary);

  /* Translators: a button's accessible name, %s is a queue */
  remove_label = g_strdup_printf (_("Remove the thresholds of %s"), queue_name (self, queue_id));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Back to the thresholds of every queue"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data_full (G_OBJECT (remove), "plt-queue", g_strdup (queue_id), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove);

  add_spin (self, ADW_EXPANDER_ROW (expander), queue_id, "waiting-warning", _("Waiting contacts: warning"),
            _("0 for none"), t->waiting_warning, 1000);
  add_spin (self, ADW_EXPANDER_ROW (expander), queue_id, "waiting-alarm", _("Waiting contacts: alarm"),
            _("0 for none"), t->waiting_alarm, 1000);
  add_spin (self, ADW_EXPANDER_ROW (expander), queue_id, "longest-wait", _("Longest wait: alarm"),
            _("Seconds; 0 uses the queue’s service level threshold"), t->longest_wait_s, 3600);
  add_spin (self, ADW_EXPANDER_ROW (expander), queue_id, "target", _("Service level target"),
            _("Percent; 0 uses the queue’s own target"), t->sl_target_percent, 100);
  add_switch (self, ADW_EXPANDER_ROW (expander), queue_id, "service-level", _("Service level below target"),
              t->service_level);
  add_switch (self, ADW_EXPANDER_ROW (expander), queue_id, "projected-breach", _("Projected breach"),
              t->projected_breach);

  return expander;
}

static void
add_clicked_cb (PltAlertOverrides *self)
{
  guint selected = adw_combo_row_get_selected (self->add_row);
  g_autoptr(GHashTable) overrides = NULL;
  PltAlertThresholds *t;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->add_ids->len)
    return;

  overrides = read_overrides (self);
  t = g_new0 (PltAlertThresholds, 1);
  *t = (PltAlertThresholds) PLT_ALERT_THRESHOLDS_INIT;
  plt_alert_thresholds_load (t, self->settings);
  g_hash_table_insert (overrides, g_strdup (g_ptr_array_index (self->add_ids, selected)), t);
  write_overrides (self, overrides);
  rebuild (self);
}

/* The queues that could have thresholds of their own: the model's, less
 * those that already have. */
static void
update_add_row (PltAlertOverrides *self,
                GHashTable        *overrides)
{
  GListModel *queues = self->client != NULL ? G_LIST_MODEL (plt_model_get_queues (plt_client_get_model (self->client))) : NULL;
  guint n = queues != NULL ? g_list_model_get_n_items (queues) : 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_set_size (self->add_ids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PltQueue) queue = g_list_model_get_item (queues, i);

      if (g_hash_table_contains (overrides, plt_queue_get_id (queue)))
        continue;
      g_ptr_array_add (self->add_ids, g_strdup (plt_queue_get_id (queue)));
      g_ptr_array_add (names, (gpointer) queue_name (self, plt_queue_get_id (queue)));
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->add_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->add_names)),
                          (const char * const *) names->pdata);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), self->add_ids->len > 0);
}

static void
rebuild (PltAlertOverrides *self)
{
  g_autoptr(GHashTable) overrides = read_overrides (self);
  g_autoptr(GList) ids = g_list_sort (g_hash_table_get_keys (overrides), (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (GList *l = ids; l != NULL; l = l->next)
    {
      GtkWidget *row = make_queue_row (self, l->data, g_hash_table_lookup (overrides, l->data));

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  update_add_row (self, overrides);
}

static void
settings_changed_cb (PltAlertOverrides *self,
                     const char        *key)
{
  if (!self->writing)
    rebuild (self);
}

static void
plt_alert_overrides_dispose (GObject *object)
{
  PltAlertOverrides *self = (PltAlertOverrides *)object;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->client);
  g_clear_object (&self->add_names);

  G_OBJECT_CLASS (plt_alert_overrides_parent_class)->dispose (object);
}

static void
plt_alert_overrides_finalize (GObject *object)
{
  PltAlertOverrides *self = (PltAlertOverrides *)object;

  g_clear_pointer (&self->add_ids, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (plt_alert_overrides_parent_class)->finalize (object);
}

static void
plt_alert_overrides_class_init (PltAlertOverridesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = plt_alert_overrides_dispose;
  object_class->finalize = plt_alert_overrides_finalize;
}

static void
plt_alert_overrides_init (PltAlertOverrides *self)
{
  GtkWidget *add_button;

  self->add_ids = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new ();
  self->add_names = gtk_string_list_new (NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Queues with thresholds of their own"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Judged against these instead of the thresholds above"));

  self->add_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _("Give a queue its own thresholds"));
  adw_combo_row_set_model (self->add_row, G_LIST_MODEL (self->add_names));
  add_button = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_set_valign (add_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (add_button, _("Give this queue thresholds of its own"));
  g_signal_connect_object (add_button, "clicked", G_CALLBACK (add_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->add_row), add_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));
}

GtkWidget *
plt_alert_overrides_new (GSettings *settings,
                         PltClient *client)
{
  PltAlertOverrides *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (client == NULL || PLT_IS_CLIENT (client), NULL);

  self = g_object_new (PLT_TYPE_ALERT_OVERRIDES, NULL);
  self->settings = g_object_ref (settings);
  g_set_object (&self->client, client);
  g_signal_connect_object (settings, "changed::" SETTINGS_KEY_OVERRIDES,
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);

  return GTK_WIDGET (self);
}
