/* test-wallboard.c — the wallboard: its layout, its pages following a real
 * router in English and in French, and what it says when the data is stale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb), with GTK_A11Y=test, GSK_RENDERER=cairo and
 * G_DEBUG=fatal-warnings. The pictures (wallboard-en-*.png,
 * wallboard-fr-*.png) are written next to the test program, at 1920 × 1080.
 */
#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "plt-agent.h"
#include "plt-agent-list-private.h"
#include "plt-alerts.h"
#include "plt-client.h"
#include "plt-gauge.h"
#include "plt-model.h"
#include "plt-preferences-window.h"
#include "plt-queue.h"
#include "plt-render.h"
#include "plt-router.h"
#include "plt-store.h"
#include "plt-wallboard-agent-tile.h"
#include "plt-wallboard-agents.h"
#include "plt-wallboard-editor.h"
#include "plt-wallboard-figure.h"
#include "plt-wallboard-grid.h"
#include "plt-wallboard-layout.h"
#include "plt-wallboard-queue-tile.h"
#include "plt-wallboard-window-private.h"

/* Every wait is bounded: a hung connection fails the test, it does not
 * hang it. */
#define WAIT_TIMEOUT_MS 20000

#define WALLBOARD_USER     "tv-floor-1"
#define WALLBOARD_PASSWORD "wall-board-pass-1"

/* Helpers ------------------------------------------------------------------ */

typedef gboolean (*Condition) (gpointer data);

static gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_until (Condition   condition,
            gpointer    data,
            guint       timeout_ms,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake_up_id = g_timeout_add (25, wake_up_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake_up_id);
}

static void
collect_widgets (GtkWidget  *widget,
                 GType       type,
                 GPtrArray  *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

/* Returns: (transfer container): the descendants of @widget of @type */
static GPtrArray *
find_widgets (GtkWidget *widget,
              GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (widget, type, found);

  return found;
}

/* Whether a label or an inscription under @widget reads @text exactly. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) labels = find_widgets (widget, GTK_TYPE_LABEL);
  g_autoptr(GPtrArray) inscriptions = find_widgets (widget, GTK_TYPE_INSCRIPTION);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;

  for (guint i = 0; i < inscriptions->len; i++)
    if (g_strcmp0 (gtk_inscription_get_text (g_ptr_array_index (inscriptions, i)), text) == 0)
      return TRUE;

  return FALSE;
}

/* Whether a label under @widget reads a date in French: "jeudi 27 novembre". */
static gboolean
shows_french_date (GtkWidget *widget)
{
  static const char * const days[] = {
    "lundi ", "mardi ", "mercredi ", "jeudi ", "vendredi ", "samedi ", "dimanche ",
  };
  static const char * const months[] = {
    " janvier", " février", " mars", " avril", " mai", " juin", " juillet",
    " août", " septembre", " octobre", " novembre", " décembre",
  };
  g_autoptr(GPtrArray) labels = find_widgets (widget, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_label (g_ptr_array_index (labels, i));

      for (guint d = 0; d < G_N_ELEMENTS (days); d++)
        for (guint m = 0; m < G_N_ELEMENTS (months); m++)
          if (g_str_has_prefix (text, days[d]) && g_str_has_suffix (text, months[m]))
            return TRUE;
    }

  return FALSE;
}

/* The texture is not empty and not one flat colour. */
static void
assert_texture_has_content (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = NULL;
  gsize n_different = 0;

  pixels = g_new (guint32, (gsize) width * height);
  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);

  for (gsize i = 1; i < (gsize) width * height; i++)
    if (pixels[i] != pixels[0])
      n_different++;

  g_assert_cmpuint (n_different, >, (gsize) width * height / 100);
}

static void
render_to_png (GtkWidget  *widget,
               const char *name)
{
  g_autoptr(GdkTexture) texture = plt_render_widget (widget);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1920);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1080);
  assert_texture_has_content (texture);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

/* Layout (no display needed, but run here with the rest) ------------------ */

static PltWallboardLayout *
make_custom_layout (void)
{
  PltWallboardLayout *layout = plt_wallboard_layout_new_default ();
  PltWallboardPage *page = plt_wallboard_page_new ();
  const char *queues[] = { "q-ventes", "q-support \"2\"", NULL };

  layout->rotate = FALSE;
  page->title = g_strdup ("Équipe « Ventes » — étage 2");
  page->interval_s = 45;
  plt_wallboard_page_set_tile (page, PLT_WALLBOARD_TILE_CLOCK, TRUE);
  plt_wallboard_page_set_tile (page, PLT_WALLBOARD_TILE_SERVICE_LEVEL, TRUE);
  g_strfreev (page->queues);
  page->queues = g_strdupv ((char **) queues);
  g_ptr_array_insert (layout->pages, 0, page);

  return layout;
}

static void
test_layout_round_trip (void)
{
  g_autoptr(PltWallboardLayout) layout = plt_wallboard_layout_new_default ();
  g_autoptr(PltWallboardLayout) custom = make_custom_layout ();
  g_autoptr(PltWallboardLayout) loaded = NULL;
  g_autoptr(PltWallboardLayout) from_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *custom_json = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  /* The default layout: three pages, rotating */
  g_assert_true (layout->rotate);
  g_assert_cmpuint (plt_wallboard_layout_get_n_pages (layout), ==, 3);
  g_assert_true (plt_wallboard_page_has_tile (plt_wallboard_layout_get_page (layout, 0),
                                              PLT_WALLBOARD_TILE_QUEUES));

  json = plt_wallboard_layout_to_json (layout);
  loaded = plt_wallboard_layout_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (plt_wallboard_layout_equal (layout, loaded));

  /* Titles with quotes and accents, chosen queues, no rotation */
  custom_json = plt_wallboard_layout_to_json (custom);
  g_assert_nonnull (strstr (custom_json, "\"format\" : \"plateau-wallboard\""));
  g_clear_pointer (&loaded, plt_wallboard_layout_free);
  loaded = plt_wallboard_layout_new_from_json (custom_json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (plt_wallboard_layout_equal (custom, loaded));
  g_assert_false (plt_wallboard_layout_equal (custom, layout));

  /* Saved and loaded through a file */
  dir = g_dir_make_tmp ("plateau-wallboard-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "layout.json", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (plt_wallboard_layout_save_to_file (custom, file, &error));
  g_assert_no_error (error);
  from_file = plt_wallboard_layout_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_true (plt_wallboard_layout_equal (custom, from_file));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_layout_invalid (void)
{
  static const struct {
    const char *json;
    int         code;
    const char *message;   /* a part of the message that names the problem */
  } cases[] = {
    { "{ \"pages\": [", PLT_WALLBOARD_LAYOUT_ERROR_PARSE, "not valid JSON" },
    { "[]", PLT_WALLBOARD_LAYOUT_ERROR_INVALID, "JSON object" },
    { "{ \"format\": \"something-else\", \"pages\": [ { \"tiles\": [\"clock\"] } ] }",
      PLT_WALLBOARD_LAYOUT_ERROR_INVALID, "“format”" },
    { "{ \"version\": 7, \"pages\": [ { \"tiles\": [\"clock\"] } ] }",
      PLT_WALLBOARD_LAYOUT_ERROR_INVALID, "newer version" },
    { "{ \"rotate\": \"yes\", \"pages\": [ { \"tiles\": [\"clock\"] } ] }",
      PLT_WALLBOARD_LAYOUT_ERROR_INVALID, "“rotate”" },
    { "{ \"pages\": [] }", PLT_WALLBOARD_LAYOUT_ERROR_INVALID, "at least one page" },
    { "{ \"pages\": [ { \"tiles\": [\"clock\"] }, 3 ] }",
      PLT_WALLBOARD_LAYOUT_ERROR_INVALID, "Page 2 is not" },
    { "{ \"pages\": [ { \"tiles\": [\"clock\", \"weather\"] } ] }",
      PLT_WALLBOARD_LAYOUT_ERROR_INVALID, "unknown tile “weather”" },
    { "{ \"pages\": [ { \"tiles\": [\"clock\", \"clock\"] } ] }",
      PLT_WALLBOARD_LAYOUT_ERROR_INVALID, "listed twice" },
    { "{ \"pages\": [ { \"tiles\": [] } ] }", PLT_WALLBOARD_LAYOUT_ERROR_INVALID, "no tiles" },
    { "{ \"pages\": [ { \"tiles\": [\"clock\"], \"interval\": 2 } ] }",
      PLT_WALLBOARD_LAYOUT_ERROR_INVALID, "“interval”" },
    { "{ \"pages\": [ { \"tiles\": [\"clock\"], \"interval\": 12.5 } ] }",
      PLT_WALLBOARD_LAYOUT_ERROR_INVALID, "“interval”" },
    { "{ \"pages\": [ { \"tiles\": [\"clock\"], \"queues\": [\"a\", 4] } ] }",
      PLT_WALLBOARD_LAYOUT_ERROR_INVALID, "“queues”" },
    { "{ \"pages\": [ { \"tiles\": [\"clock\"], \"title\": 12 } ] }",
      PLT_WALLBOARD_LAYOUT_ERROR_INVALID, "“title”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PltWallboardLayout) layout = plt_wallboard_layout_new_from_json (cases[i].json, -1, &error);

      g_test_message ("%s → %s", cases[i].json, error != NULL ? error->message : "(no error)");
      g_assert_null (layout);
      g_assert_error (error, PLT_WALLBOARD_LAYOUT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }

  /* Members this version does not know are left alone. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PltWallboardLayout) layout =
      plt_wallboard_layout_new_from_json ("{ \"pages\": [ { \"tiles\": [\"clock\"], \"colour\": \"red\" } ],"
                                          "  \"theme\": \"neon\" }", -1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (plt_wallboard_layout_get_n_pages (layout), ==, 1);
    g_assert_true (layout->rotate);
    g_assert_cmpuint (plt_wallboard_layout_get_page (layout, 0)->interval_s, ==, 20);
  }

  /* A file that does not exist names itself */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/plateau/layout.json");

    g_assert_null (plt_wallboard_layout_new_from_file (file, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "/nonexistent/plateau/layout.json"));
  }
}

static void
test_layout_page_tiles (void)
{
  g_autoptr(PltWallboardPage) page = plt_wallboard_page_new ();
  g_autofree char *title = NULL;

  g_assert_cmpuint (page->n_tiles, ==, 1);
  plt_wallboard_page_set_tile (page, PLT_WALLBOARD_TILE_QUEUES, FALSE);
  g_assert_cmpuint (page->n_tiles, ==, 1);   /* never no tile */

  plt_wallboard_page_set_tile (page, PLT_WALLBOARD_TILE_CLOCK, TRUE);
  plt_wallboard_page_set_tile (page, PLT_WALLBOARD_TILE_CLOCK, TRUE);
  g_assert_cmpuint (page->n_tiles, ==, 2);
  plt_wallboard_page_set_tile (page, PLT_WALLBOARD_TILE_QUEUES, FALSE);
  g_assert_cmpuint (page->n_tiles, ==, 1);
  g_assert_cmpint (page->tiles[0], ==, PLT_WALLBOARD_TILE_CLOCK);

  title = plt_wallboard_page_dup_title (page);
  g_assert_cmpstr (title, ==, "Clock");

  g_assert_true (plt_wallboard_page_shows_queue (page, "anything"));
  g_strfreev (page->queues);
  page->queues = g_strsplit ("a,b", ",", -1);
  g_assert_true (plt_wallboard_page_shows_queue (page, "b"));
  g_assert_false (plt_wallboard_page_shows_queue (page, "c"));
}

static void
test_grid_columns (void)
{
  /* A wide area: five queues on three columns, two rows */
  g_assert_cmpuint (plt_wallboard_grid_choose_columns (5, 1880, 700, 13, 1.75, 0, 0), ==, 3);
  /* A square one: two columns; a narrow one: one */
  g_assert_cmpuint (plt_wallboard_grid_choose_columns (5, 1200, 1200, 13, 1.75, 0, 0), ==, 2);
  g_assert_cmpuint (plt_wallboard_grid_choose_columns (5, 900, 1600, 13, 1.75, 0, 0), ==, 1);
  g_assert_cmpuint (plt_wallboard_grid_choose_columns (1, 1880, 700, 13, 1.75, 0, 0), ==, 1);
  g_assert_cmpuint (plt_wallboard_grid_choose_columns (0, 1880, 700, 13, 1.75, 0, 0), ==, 1);
  /* Cells too narrow for their tiles are avoided */
  g_assert_cmpuint (plt_wallboard_grid_choose_columns (5, 1880, 700, 13, 1.75, 700, 200), ==, 2);
  /* Gauges, square-ish, in a strip */
  g_assert_cmpuint (plt_wallboard_grid_choose_columns (5, 1880, 420, 13, 0.95, 0, 0), ==, 5);
}

static void
test_scale (void)
{
  g_assert_cmpstr (_plt_wallboard_choose_scale_class (1920, 1080), ==, "wb-scale-100");
  g_assert_cmpstr (_plt_wallboard_choose_scale_class (3840, 2160), ==, "wb-scale-200");
  g_assert_cmpstr (_plt_wallboard_choose_scale_class (1280, 720), ==, "wb-scale-63");
  g_assert_cmpstr (_plt_wallboard_choose_scale_class (2560, 1440), ==, "wb-scale-125");
  /* The short side decides: an ultra-wide screen is no bigger */
  g_assert_cmpstr (_plt_wallboard_choose_scale_class (3440, 1080), ==, "wb-scale-100");
  g_assert_cmpstr (_plt_wallboard_choose_scale_class (400, 300), ==, "wb-scale-50");
  /* A few pixels short of 1080p (a window's borders) is still 1080p */
  g_assert_cmpstr (_plt_wallboard_choose_scale_class (1910, 1070), ==, "wb-scale-100");
}

static void
test_alert_levels (void)
{
  PltAlertThresholds thresholds = PLT_ALERT_THRESHOLDS_INIT;

  g_assert_cmpint (plt_alert_level_for_waiting (&thresholds, 0), ==, PLT_ALERT_LEVEL_NONE);
  g_assert_cmpint (plt_alert_level_for_waiting (&thresholds, 3), ==, PLT_ALERT_LEVEL_WARNING);
  g_assert_cmpint (plt_alert_level_for_waiting (&thresholds, 6), ==, PLT_ALERT_LEVEL_ALARM);

  /* The queue's own threshold (20 s), unless one is set for all */
  g_assert_cmpint (plt_alert_level_for_wait (&thresholds, 20, 10000), ==, PLT_ALERT_LEVEL_NONE);
  g_assert_cmpint (plt_alert_level_for_wait (&thresholds, 20, 15000), ==, PLT_ALERT_LEVEL_WARNING);
  g_assert_cmpint (plt_alert_level_for_wait (&thresholds, 20, 20001), ==, PLT_ALERT_LEVEL_ALARM);
  thresholds.longest_wait_s = 60;
  g_assert_cmpint (plt_alert_level_for_wait (&thresholds, 20, 30000), ==, PLT_ALERT_LEVEL_NONE);

  g_assert_cmpint (plt_alert_level_for_service_level (&thresholds, -1, 0.8), ==, PLT_ALERT_LEVEL_NONE);
  g_assert_cmpint (plt_alert_level_for_service_level (&thresholds, 0.80, 0.8), ==, PLT_ALERT_LEVEL_NONE);
  g_assert_cmpint (plt_alert_level_for_service_level (&thresholds, 0.77, 0.8), ==, PLT_ALERT_LEVEL_WARNING);
  g_assert_cmpint (plt_alert_level_for_service_level (&thresholds, 0.60, 0.8), ==, PLT_ALERT_LEVEL_ALARM);
  thresholds.service_level = FALSE;
  g_assert_cmpint (plt_alert_level_for_service_level (&thresholds, 0.60, 0.8), ==, PLT_ALERT_LEVEL_NONE);

  thresholds.waiting_warning = 0;
  thresholds.waiting_alarm = 0;
  g_assert_cmpint (plt_alert_level_for_waiting (&thresholds, 100), ==, PLT_ALERT_LEVEL_NONE);

  /* Three shapes, not three colours only */
  g_assert_cmpstr (plt_alert_level_get_icon_name (PLT_ALERT_LEVEL_NONE), !=,
                   plt_alert_level_get_icon_name (PLT_ALERT_LEVEL_WARNING));
  g_assert_cmpstr (plt_alert_level_get_icon_name (PLT_ALERT_LEVEL_WARNING), !=,
                   plt_alert_level_get_icon_name (PLT_ALERT_LEVEL_ALARM));
}

/* The layout editor ------------------------------------------------------- */

static void
save_window_png (GtkWindow  *window,
                 const char *name)
{
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (window));
  g_autoptr(GdkTexture) texture = plt_render_widget (content);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_nonnull (texture);
  assert_texture_has_content (texture);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}


static void
layout_changed_cb (PltWallboardEditor *editor,
                   guint              *n_changed)
{
  (*n_changed)++;
}

static void
test_editor_import (void)
{
  g_autoptr(PltWallboardLayout) layout = plt_wallboard_layout_new_default ();
  g_autoptr(PltWallboardLayout) custom = make_custom_layout ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plateau-editor-XXXXXX", NULL);
  g_autofree char *good_path = g_build_filename (dir, "good.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *out_path = g_build_filename (dir, "out.json", NULL);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(PltWallboardLayout) exported = NULL;
  PltWallboardEditor *editor;
  guint n_changed = 0;

  g_assert_true (plt_wallboard_layout_save_to_file (custom, good, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (bad_path, "{ \"pages\": [ { \"tiles\": [\"weather\"] } ] }", -1, NULL));

  editor = PLT_WALLBOARD_EDITOR (plt_wallboard_editor_new (NULL, layout, NULL, NULL));
  g_object_ref_sink (editor);
  g_signal_connect (editor, "layout-changed", G_CALLBACK (layout_changed_cb), &n_changed);
  gtk_window_present (GTK_WINDOW (editor));

  /* An invalid file: a clear error, and the layout stays as it was */
  g_assert_false (plt_wallboard_editor_import (editor, bad, &error));
  g_assert_error (error, PLT_WALLBOARD_LAYOUT_ERROR, PLT_WALLBOARD_LAYOUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.json"));
  g_assert_nonnull (strstr (error->message, "unknown tile “weather”"));
  g_clear_error (&error);
  g_assert_true (plt_wallboard_layout_equal (plt_wallboard_editor_get_layout (editor), layout));
  g_assert_cmpuint (n_changed, ==, 0);

  /* A good one replaces it, and says so */
  g_assert_true (plt_wallboard_editor_import (editor, good, &error));
  g_assert_no_error (error);
  g_assert_true (plt_wallboard_layout_equal (plt_wallboard_editor_get_layout (editor), custom));
  g_assert_cmpuint (n_changed, ==, 1);

  /* The first page open, as someone editing it sees it */
  {
    g_autoptr(GPtrArray) expanders = find_widgets (GTK_WIDGET (editor), ADW_TYPE_EXPANDER_ROW);

    g_assert_cmpuint (expanders->len, ==, plt_wallboard_layout_get_n_pages (custom));
    adw_expander_row_set_expanded (g_ptr_array_index (expanders, 0), TRUE);
    gtk_window_set_default_size (GTK_WINDOW (editor), 640, 1000);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
    gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
    save_window_png (GTK_WINDOW (editor), "layout-editor.png");
  }

  /* Exported as it is edited */
  g_assert_true (plt_wallboard_editor_export (editor, out, &error));
  g_assert_no_error (error);
  exported = plt_wallboard_layout_new_from_file (out, &error);
  g_assert_no_error (error);
  g_assert_true (plt_wallboard_layout_equal (exported, custom));

  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_finalize_object (editor);

  g_unlink (good_path);
  g_unlink (bad_path);
  g_unlink (out_path);
  g_rmdir (dir);
}

/* The preferences ----------------------------------------------------------- */

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GPtrArray) spins = NULL;
  PltPreferencesWindow *preferences;
  static const char * const pages[] = { "general", "alerts", "wallboard" };

  preferences = PLT_PREFERENCES_WINDOW (plt_preferences_window_new (NULL, settings, NULL));
  g_object_ref_sink (preferences);
  gtk_window_set_default_size (GTK_WINDOW (preferences), 640, 760);
  gtk_window_present (GTK_WINDOW (preferences));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("preferences-%s.png", pages[i]);

      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), pages[i]);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (preferences));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (preferences));
      save_window_png (GTK_WINDOW (preferences), name);
    }

  /* The thresholds are the settings' */
  spins = find_widgets (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpuint (spins->len, ==, 3);
  g_settings_set_uint (settings, "alert-waiting-alarm", 9);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < spins->len; i++)
      found |= gtk_spin_button_get_value_as_int (g_ptr_array_index (spins, i)) == 9;
    g_assert_true (found);
  }

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_finalize_object (preferences);
  g_settings_reset (settings, "alert-waiting-alarm");
}

/* The agent list's columns, kept -------------------------------------------- */

static gboolean
columns_saved (gpointer data)
{
  guint *n_changed = data;

  return *n_changed > 0;
}

static void
column_layout_changed_cb (GSettings  *settings,
                          const char *key,
                          guint      *n_changed)
{
  (*n_changed)++;
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_assert_not_reached ();
}

static void
test_column_layout (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  PltAgentList *list;
  GtkColumnView *view;
  GtkColumnViewColumn *column;
  guint n_changed = 0;
  gulong handler;

  g_settings_reset (settings, "column-layout");

  /* Hidden, moved first, widened: saved once the changes stop */
  list = PLT_AGENT_LIST (g_object_ref_sink (plt_agent_list_new ()));
  plt_agent_list_set_settings (list, settings);
  view = _plt_agent_list_get_column_view (list);
  handler = g_signal_connect (settings, "changed::column-layout",
                              G_CALLBACK (column_layout_changed_cb), &n_changed);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "agents.show-team", NULL));
  g_assert_false (gtk_column_view_column_get_visible (column_titled (view, "Team")));
  column = column_titled (view, "Queue");
  g_object_ref (column);
  gtk_column_view_insert_column (view, 0, column);
  g_object_unref (column);
  gtk_column_view_column_set_fixed_width (column, 321);

  wait_until (columns_saved, &n_changed, WAIT_TIMEOUT_MS, "the columns to be saved");
  g_assert_cmpuint (n_changed, ==, 1);
  g_signal_handler_disconnect (settings, handler);
  g_assert_finalize_object (list);

  /* A new list shows them so */
  list = PLT_AGENT_LIST (g_object_ref_sink (plt_agent_list_new ()));
  plt_agent_list_set_settings (list, settings);
  view = _plt_agent_list_get_column_view (list);
  {
    g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (gtk_column_view_get_columns (view), 0);

    g_assert_cmpstr (gtk_column_view_column_get_title (first), ==, "Queue");
    g_assert_cmpint (gtk_column_view_column_get_fixed_width (first), ==, 321);
  }
  g_assert_false (gtk_column_view_column_get_visible (column_titled (view, "Team")));
  g_assert_true (gtk_column_view_column_get_visible (column_titled (view, "Name")));
  g_assert_finalize_object (list);

  g_settings_reset (settings, "column-layout");
}

/* The screen does not blank ---------------------------------------------- */

/* A stand-in for the GNOME session manager, which GTK asks not to go idle
 * (outside a sandbox; inside one it asks the Inhibit portal). GTK calls it
 * synchronously: it answers from a thread of its own. */
typedef struct
{
  GMutex        lock;
  GMainContext *context;
  GThread      *thread;
  guint         registration;
  gboolean      ready;
  gboolean      stop;

  guint         n_inhibit;
  guint         n_uninhibit;
  guint         flags;
  guint         uninhibited_cookie;
  char         *reason;
} SessionManager;

#define SESSION_MANAGER_COOKIE 4242

static const char session_manager_xml[] =
  "<node>"
  "  <interface name='org.gnome.SessionManager'>"
  "    <method name='Inhibit'>"
  "      <arg type='s' name='app_id' direction='in'/>"
  "      <arg type='u' name='toplevel_xid' direction='in'/>"
  "      <arg type='s' name='reason' direction='in'/>"
  "      <arg type='u' name='flags' direction='in'/>"
  "      <arg type='u' name='cookie' direction='out'/>"
  "    </method>"
  "    <method name='Uninhibit'>"
  "      <arg type='u' name='cookie' direction='in'/>"
  "    </method>"
  "    <method name='IsInhibited'>"
  "      <arg type='u' name='flags' direction='in'/>"
  "      <arg type='b' name='inhibited' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
session_manager_call (GDBusConnection       *connection,
                      const char            *sender,
                      const char            *object_path,
                      const char            *interface_name,
                      const char            *method_name,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation,
                      gpointer               user_data)
{
  SessionManager *manager = user_data;

  g_mutex_lock (&manager->lock);
  if (g_str_equal (method_name, "Inhibit"))
    {
      const char *reason;

      g_variant_get (parameters, "(&su&su)", NULL, NULL, &reason, &manager->flags);
      g_free (manager->reason);
      manager->reason = g_strdup (reason);
      manager->n_inhibit++;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", SESSION_MANAGER_COOKIE));
    }
  else if (g_str_equal (method_name, "Uninhibit"))
    {
      g_variant_get (parameters, "(u)", &manager->uninhibited_cookie);
      manager->n_uninhibit++;
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(b)", manager->n_inhibit > manager->n_uninhibit));
  g_mutex_unlock (&manager->lock);
}

static gpointer
session_manager_thread (gpointer data)
{
  static const GDBusInterfaceVTable vtable = { session_manager_call, NULL, NULL, { 0 } };
  SessionManager *manager = data;
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (session_manager_xml, NULL);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  guint registration;

  /* The calls are dispatched to the context the object is registered in. */
  g_main_context_push_thread_default (manager->context);
  registration = g_dbus_connection_register_object (bus, "/org/gnome/SessionManager",
                                                    node->interfaces[0], &vtable,
                                                    manager, NULL, NULL);
  g_mutex_lock (&manager->lock);
  manager->ready = TRUE;
  g_mutex_unlock (&manager->lock);

  for (;;)
    {
      gboolean stop;

      g_mutex_lock (&manager->lock);
      stop = manager->stop;
      g_mutex_unlock (&manager->lock);
      if (stop)
        break;
      g_main_context_iteration (manager->context, TRUE);
    }

  g_dbus_connection_unregister_object (bus, registration);
  g_main_context_pop_thread_default (manager->context);

  return NULL;
}

static void
session_manager_stop (SessionManager *manager)
{
  g_mutex_lock (&manager->lock);
  manager->stop = TRUE;
  g_mutex_unlock (&manager->lock);
  g_main_context_wakeup (manager->context);
  g_thread_join (manager->thread);
  g_main_context_unref (manager->context);
  g_mutex_clear (&manager->lock);
  g_free (manager->reason);
}

static gboolean
manager_state (gpointer data,
               guint    which)
{
  SessionManager *manager = data;
  gboolean result;

  g_mutex_lock (&manager->lock);
  result = which == 0 ? manager->ready : which == 1 ? manager->n_inhibit > 0 : manager->n_uninhibit > 0;
  g_mutex_unlock (&manager->lock);

  return result;
}

static gboolean
manager_ready (gpointer data)
{
  return manager_state (data, 0);
}

static gboolean
inhibited (gpointer data)
{
  return manager_state (data, 1);
}

static gboolean
uninhibited (gpointer data)
{
  return manager_state (data, 2);
}

static void
test_inhibit_idle (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) application = NULL;
  SessionManager manager = { 0 };
  PltWallboardWindow *window;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      g_test_skip ("No session bus (run the tests under dbus-run-session)");
      return;
    }

  g_mutex_init (&manager.lock);
  manager.context = g_main_context_new ();
  manager.thread = g_thread_new ("session-manager", session_manager_thread, &manager);
  wait_until (manager_ready, &manager, WAIT_TIMEOUT_MS, "the session manager stand-in");

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.gnome.SessionManager", 4 /* DO_NOT_QUEUE */),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  {
    guint result;

    g_variant_get (reply, "(u)", &result);
    if (result != 1 /* PRIMARY_OWNER */)
      {
        /* A real session: leave it alone. */
        g_test_skip ("A session manager already runs on this bus (run the tests under dbus-run-session)");
        session_manager_stop (&manager);
        return;
      }
  }

  /* The application finds the session manager when it starts. */
  application = adw_application_new ("io.github.plateau.PlateauInhibitTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  window = PLT_WALLBOARD_WINDOW (plt_wallboard_window_new (GTK_APPLICATION (application), NULL));
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (inhibited, &manager, WAIT_TIMEOUT_MS, "the idle inhibitor");

  g_mutex_lock (&manager.lock);
  g_assert_cmpuint (manager.flags, ==, GTK_APPLICATION_INHIBIT_IDLE);
  g_assert_cmpstr (manager.reason, ==, "The wallboard is shown");
  g_mutex_unlock (&manager.lock);
  g_assert_cmpuint (_plt_wallboard_window_get_inhibit_cookie (window), ==, SESSION_MANAGER_COOKIE);

  /* Closed, it lets the screen blank again. */
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (uninhibited, &manager, WAIT_TIMEOUT_MS, "the idle inhibitor to go");
  g_mutex_lock (&manager.lock);
  g_assert_cmpuint (manager.uninhibited_cookie, ==, SESSION_MANAGER_COOKIE);
  g_assert_cmpuint (manager.n_inhibit, ==, 1);
  g_mutex_unlock (&manager.lock);
  g_assert_finalize_object (window);

  g_clear_pointer (&reply, g_variant_unref);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "ReleaseName",
                                       g_variant_new ("(s)", "org.gnome.SessionManager"),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);

  session_manager_stop (&manager);
}

/* Following a router ------------------------------------------------------ */

typedef struct
{
  PltRouter          *router;
  PltClient          *client;
  PltWallboardWindow *window;
  guint               n_synced;
} Fixture;

static void
client_synced_cb (PltClient *client,
                  Fixture   *fixture)
{
  fixture->n_synced++;
}

static gboolean
is_synced (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_synced > 0;
}

static gboolean
model_settled (gpointer data)
{
  Fixture *fixture = data;
  PltModel *model = plt_client_get_model (fixture->client);

  return plt_store_get_n_pending (plt_model_get_queues (model)) == 0 &&
         plt_store_get_n_pending (plt_model_get_agents (model)) == 0 &&
         plt_store_get_n_pending (plt_model_get_teams (model)) == 0;
}

static gboolean
scale_applied (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (_plt_wallboard_window_get_scale_class (fixture->window), "wb-scale-100") == 0;
}

static gboolean
client_not_live (gpointer data)
{
  Fixture *fixture = data;

  return plt_client_get_state (fixture->client) != PLT_CONNECTION_STATE_LIVE;
}

static gboolean
stale_shown (gpointer data)
{
  Fixture *fixture = data;

  return _plt_wallboard_window_get_stale_shown (fixture->window);
}

/* Lets the page settle: new styles (scale, density) come after an
 * allocation, in an idle, and need one more layout and draw. */
static void
settle (Fixture *fixture)
{
  for (guint i = 0; i < 3; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

/* The board, not the window with its borders, is 1920 × 1080: what a
 * full-screen wallboard gets on a 1080p screen. A size request, since a
 * window is never made bigger than the (virtual) screen by its default
 * size, and the test's screen may be smaller. */
static void
board_exactly_1080p (Fixture *fixture)
{
  GtkWidget *board = _plt_wallboard_window_get_board (fixture->window);

  gtk_widget_set_size_request (board, 1920, 1080);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1, 1);
}

static void
show_page (Fixture *fixture,
           guint    page)
{
  plt_wallboard_window_set_page (fixture->window, page);
  g_assert_cmpuint (plt_wallboard_window_get_page (fixture->window), ==, page);
  settle (fixture);
}

/* Switches the messages (and the formats, when the locale exists) to
 * @language, with the translations built in this tree. */
static void
use_language (const char *language)
{
  g_autofree char *locale_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  if (g_str_equal (language, "fr"))
    {
      g_setenv ("LANGUAGE", "fr", TRUE);
      /* Real French formats when the machine has the locale; French
       * messages in any case (gettext reads LANGUAGE in C.UTF-8 too). */
      if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
        {
          g_test_message ("fr_FR.UTF-8 is not available: French messages with C formats");
          setlocale (LC_ALL, "C.UTF-8");
        }
    }
  else
    {
      g_unsetenv ("LANGUAGE");
      setlocale (LC_ALL, "C.UTF-8");
    }

  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static guint
count_logged_in (PltModel *model)
{
  GListModel *agents = G_LIST_MODEL (plt_model_get_agents (model));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(PltAgent) agent = g_list_model_get_item (agents, i);
      PltAgentState state = plt_agent_get_state (agent);

      if (state != PLT_AGENT_STATE_LOGGED_OUT && state != PLT_AGENT_STATE_UNKNOWN)
        n++;
    }

  return n;
}

static void
check_no_personal_data (Fixture *fixture)
{
  PltModel *model = plt_client_get_model (fixture->client);
  GListModel *agents = G_LIST_MODEL (plt_model_get_agents (model));

  /* The wallboard account sees no call (so no caller number) and no pause
   * reason: the router keeps them back. */
  g_assert_cmpstr (plt_client_get_role (fixture->client), ==, "wallboard");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_calls (model))), ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(PltAgent) agent = g_list_model_get_item (agents, i);

      g_assert_null (plt_agent_get_reason (agent));
    }
}

static void
check_queues_page (Fixture    *fixture,
                   const char *language)
{
  PltModel *model = plt_client_get_model (fixture->client);
  guint n_queues = g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_queues (model)));
  PltWallboardPageView *view = _plt_wallboard_window_get_page_view (fixture->window, 0);
  GPtrArray *tiles = _plt_wallboard_page_view_get_queue_tiles (view);
  g_autoptr(GPtrArray) tile_widgets = find_widgets (GTK_WIDGET (view), PLT_TYPE_WALLBOARD_QUEUE_TILE);
  GtkWidget *board = _plt_wallboard_window_get_board (fixture->window);

  /* One tile per queue, each mapped and laid out */
  g_assert_cmpuint (n_queues, >, 0);
  g_assert_nonnull (tiles);
  g_assert_cmpuint (tiles->len, ==, n_queues);
  g_assert_cmpuint (tile_widgets->len, ==, n_queues);
  for (guint i = 0; i < tiles->len; i++)
    {
      PltWallboardQueueTile *tile = g_ptr_array_index (tiles, i);
      PltQueue *queue = plt_wallboard_queue_tile_get_queue (tile);

      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (tile)));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (tile)), >, 300);
      g_assert_true (plt_model_lookup_queue (model, plt_queue_get_id (queue)) == queue);
      g_assert_true (shows_text (GTK_WIDGET (tile), plt_queue_get_name (queue)));
    }

  /* The cards of the page */
  g_assert_nonnull (_plt_wallboard_page_view_get_waiting_figure (view));
  g_assert_nonnull (_plt_wallboard_page_view_get_state_figure (view, 0));

  if (g_str_equal (language, "fr"))
    {
      /* French words, not English ones */
      g_assert_true (shows_text (board, "Files d’attente"));
      g_assert_true (shows_text (board, "En attente"));
      g_assert_true (shows_text (board, "Niveau de service"));
      g_assert_false (shows_text (board, "Waiting"));
      g_assert_false (shows_text (board, "Service level"));

      /* The date in French words, when the machine has the locale */
      if (g_str_has_prefix (setlocale (LC_TIME, NULL), "fr_FR"))
        g_assert_true (shows_french_date (board));
    }
  else
    {
      g_assert_true (shows_text (board, "Queues"));
      g_assert_true (shows_text (board, "Waiting"));
      g_assert_true (shows_text (board, "Service level"));
    }
}

static void
check_service_level_page (Fixture *fixture)
{
  PltModel *model = plt_client_get_model (fixture->client);
  guint n_queues = g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_queues (model)));
  PltWallboardPageView *view = _plt_wallboard_window_get_page_view (fixture->window, 1);
  GPtrArray *gauges = _plt_wallboard_page_view_get_gauges (view);

  g_assert_nonnull (gauges);
  g_assert_cmpuint (gauges->len, ==, n_queues);
  for (guint i = 0; i < gauges->len; i++)
    {
      PltGauge *gauge = g_ptr_array_index (gauges, i);

      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (gauge)));
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_ROLE_METER);
    }
}

static void
check_agents_page (Fixture *fixture)
{
  PltModel *model = plt_client_get_model (fixture->client);
  PltWallboardPageView *view = _plt_wallboard_window_get_page_view (fixture->window, 2);
  PltWallboardAgents *agents = PLT_WALLBOARD_AGENTS (_plt_wallboard_page_view_get_agents (view));
  g_autoptr(GPtrArray) tiles = NULL;
  guint n_logged_in = count_logged_in (model);

  g_assert_nonnull (agents);
  g_assert_cmpuint (n_logged_in, >, 0);
  g_assert_cmpuint (plt_wallboard_agents_get_n_shown (agents), ==, n_logged_in);

  /* Every agent has a tile on screen: the density makes them fit. */
  tiles = find_widgets (GTK_WIDGET (_plt_wallboard_agents_get_grid_view (agents)),
                        PLT_TYPE_WALLBOARD_AGENT_TILE);
  g_assert_cmpuint (tiles->len, ==, n_logged_in);
  for (guint i = 0; i < tiles->len; i++)
    g_assert_true (gtk_widget_get_child_visible (gtk_widget_get_parent (g_ptr_array_index (tiles, i))));
}

static void
check_stale (Fixture    *fixture,
             const char *language)
{
  const char *title;

  g_assert_false (_plt_wallboard_window_get_stale_shown (fixture->window));

  plt_router_stop (fixture->router);
  wait_until (client_not_live, fixture, WAIT_TIMEOUT_MS, "the client to notice the loss");
  wait_until (stale_shown, fixture, WAIT_TIMEOUT_MS, "the stale banner");

  title = _plt_wallboard_window_get_stale_title (fixture->window);
  g_test_message ("Stale: %s / %s", title, _plt_wallboard_window_get_stale_detail (fixture->window));
  if (g_str_equal (language, "fr"))
    g_assert_true (g_str_has_prefix (title, "Données de "));
  else
    g_assert_true (g_str_has_prefix (title, "Data from "));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (_plt_wallboard_window_get_board (fixture->window)),
                                           "stale"));
}

static void
test_follow_router (gconstpointer data)
{
  const char *language = data;
  PltRouterOptions options = {
    .scenario = "demo",
    .speed = 5.0,
    .seed = 20261127,
    .heartbeat_ms = 0,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  Fixture fixture = { 0 };
  PltAuth *auth;

  use_language (language);

  fixture.router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  g_assert_true (plt_router_listen (fixture.router, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  uri = plt_router_dup_uri (fixture.router);

  /* A read-only wallboard account, as `plateau-router user add` makes */
  auth = plt_router_get_auth (fixture.router);
  g_assert_nonnull (auth);
  plt_auth_set_hash_limits (auth, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
  g_assert_true (plt_auth_add_user (auth, WALLBOARD_USER, PLT_ROLE_WALLBOARD, NULL, NULL,
                                    WALLBOARD_PASSWORD, &error));
  g_assert_no_error (error);

  fixture.client = plt_client_new (NULL, NULL);
  g_signal_connect (fixture.client, "synced", G_CALLBACK (client_synced_cb), &fixture);

  fixture.window = g_object_ref_sink (PLT_WALLBOARD_WINDOW (plt_wallboard_window_new (NULL, NULL)));
  board_exactly_1080p (&fixture);
  _plt_wallboard_window_hide_header (fixture.window);
  plt_wallboard_window_set_client (fixture.window, fixture.client);
  gtk_window_present (GTK_WINDOW (fixture.window));

  plt_client_set_credentials (fixture.client, WALLBOARD_USER, WALLBOARD_PASSWORD);
  plt_client_connect (fixture.client, uri);

  wait_until (is_synced, &fixture, WAIT_TIMEOUT_MS, "the first snapshot");
  wait_until (model_settled, &fixture, WAIT_TIMEOUT_MS, "the model to flush");
  wait_until (scale_applied, &fixture, WAIT_TIMEOUT_MS, "the 1080p type scale");
  settle (&fixture);

  g_assert_cmpint (plt_client_get_state (fixture.client), ==, PLT_CONNECTION_STATE_LIVE);
  g_assert_cmpuint (_plt_wallboard_window_get_n_pages (fixture.window), ==, 3);
  check_no_personal_data (&fixture);

  /* The pages stand still for the pictures. */
  plt_router_set_paused (fixture.router, TRUE);
  wait_until (model_settled, &fixture, WAIT_TIMEOUT_MS, "the model to settle");

  show_page (&fixture, 0);
  check_queues_page (&fixture, language);
  name = g_strdup_printf ("wallboard-%s-queues.png", language);
  render_to_png (_plt_wallboard_window_get_board (fixture.window), name);

  show_page (&fixture, 1);
  check_service_level_page (&fixture);
  g_free (name);
  name = g_strdup_printf ("wallboard-%s-service-level.png", language);
  render_to_png (_plt_wallboard_window_get_board (fixture.window), name);

  show_page (&fixture, 2);
  check_agents_page (&fixture);
  g_free (name);
  name = g_strdup_printf ("wallboard-%s-agents.png", language);
  render_to_png (_plt_wallboard_window_get_board (fixture.window), name);

  /* The keys' actions turn the pages, round */
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "wallboard.next-page", NULL);
  g_assert_cmpuint (plt_wallboard_window_get_page (fixture.window), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "wallboard.previous-page", NULL);
  g_assert_cmpuint (plt_wallboard_window_get_page (fixture.window), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "wallboard.first-page", NULL);
  g_assert_cmpuint (plt_wallboard_window_get_page (fixture.window), ==, 0);
  settle (&fixture);

  /* The router goes away: the whole board says so */
  check_stale (&fixture, language);
  settle (&fixture);
  g_free (name);
  name = g_strdup_printf ("wallboard-%s-stale.png", language);
  render_to_png (_plt_wallboard_window_get_board (fixture.window), name);

  /* Tear down: the window lets go of everything it followed. */
  plt_client_disconnect (fixture.client);
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  g_assert_finalize_object (fixture.window);
  g_signal_handlers_disconnect_by_data (fixture.client, &fixture);
  g_assert_finalize_object (fixture.client);
  g_object_unref (fixture.router);

  use_language ("en");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_cmpint (sodium_init (), >=, 0);

  /* What PltApplication gets from its resource base path, without one. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/plateau/Plateau/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/plateau/Plateau/icons");
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  use_language ("en");

  g_test_add_func ("/Plateau/Wallboard/layout/round-trip", test_layout_round_trip);
  g_test_add_func ("/Plateau/Wallboard/layout/invalid", test_layout_invalid);
  g_test_add_func ("/Plateau/Wallboard/layout/page-tiles", test_layout_page_tiles);
  g_test_add_func ("/Plateau/Wallboard/grid/columns", test_grid_columns);
  g_test_add_func ("/Plateau/Wallboard/scale", test_scale);
  g_test_add_func ("/Plateau/Wallboard/alerts/levels", test_alert_levels);
  g_test_add_func ("/Plateau/Wallboard/editor/import-export", test_editor_import);
  g_test_add_func ("/Plateau/Wallboard/preferences", test_preferences);
  g_test_add_func ("/Plateau/AgentList/column-layout", test_column_layout);
  g_test_add_func ("/Plateau/Wallboard/inhibit-idle", test_inhibit_idle);
  g_test_add_data_func ("/Plateau/Wallboard/router/en", "en", test_follow_router);
  g_test_add_data_func ("/Plateau/Wallboard/router/fr", "fr", test_follow_router);

  return g_test_run ();
}
