/* test-ui.c — the console's widgets, and the console following a real router
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb), with GTK_A11Y=test, GSK_RENDERER=cairo and
 * G_DEBUG=fatal-warnings: any warning from a template fails the test.
 */
#include "config.h"

#include <adwaita.h>

#include "plt-agent.h"
#include "plt-agent-list-private.h"
#include "plt-client.h"
#include "plt-connection-indicator.h"
#include "plt-connection-status.h"
#include "plt-model.h"
#include "plt-queue.h"
#include "plt-queue-board-private.h"
#include "plt-queue-card-private.h"
#include "plt-render.h"
#include "plt-router.h"
#include "plt-sl-bar.h"
#include "plt-state-pill.h"
#include "plt-store.h"
#include "plt-ui-format.h"
#include "plt-window-private.h"

/* Every wait is bounded: a hung connection fails the test, it does not
 * hang it. */
#define WAIT_TIMEOUT_MS 20000

/* Helpers ------------------------------------------------------------------ */

typedef gboolean (*Condition) (gpointer data);

static gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until @condition holds; fails after @timeout_ms. */
static void
wait_until (Condition   condition,
            gpointer    data,
            guint       timeout_ms,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake_up_id;

  /* Blocking iterations, woken up often enough to check the deadline. */
  wake_up_id = g_timeout_add (25, wake_up_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake_up_id);
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 const char *css_class,
                 GPtrArray  *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, css_class, found);
}

/* Returns: (transfer container): the descendants of @widget of @type that
 * carry @css_class (any, if NULL) */
static GPtrArray *
find_widgets (GtkWidget  *widget,
              GType       type,
              const char *css_class)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (widget, type, css_class, found);

  return found;
}

/* The texture is not empty and not one flat colour. */
static void
assert_texture_has_content (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guint32 *pixels = NULL;
  gsize n_different = 0;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  pixels = g_new (guint32, (gsize) width * height);
  gdk_texture_download (texture, (guchar *) pixels, stride);

  for (gsize i = 1; i < (gsize) width * height; i++)
    if (pixels[i] != pixels[0])
      n_different++;

  /* Text, cards and pills: far more than a few stray pixels. */
  g_assert_cmpuint (n_different, >, (gsize) width * height / 100);
}

static void
save_texture (GdkTexture *texture,
              const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

/* Pure functions ----------------------------------------------------------- */

static void
test_format_reason (void)
{
  g_assert_cmpstr (plt_reason_get_label ("break"), ==, "Break");
  g_assert_cmpstr (plt_reason_get_label ("lunch"), ==, "Lunch");
  g_assert_cmpstr (plt_reason_get_label ("training"), ==, "Training");
  g_assert_cmpstr (plt_reason_get_label ("meeting"), ==, "Meeting");
  g_assert_cmpstr (plt_reason_get_label ("back_office"), ==, "Back office");
  g_assert_cmpstr (plt_reason_get_label ("coaching_1to1"), ==, "coaching_1to1");
  g_assert_null (plt_reason_get_label (NULL));
  g_assert_null (plt_reason_get_label (""));
}

static void
test_format_state (void)
{
  g_autoptr(GHashTable) icons = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) classes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *paused = NULL;
  g_autofree char *on_call = NULL;

  /* Every state has its own icon and class: colour is never the only sign. */
  for (PltAgentState state = PLT_AGENT_STATE_UNKNOWN; state <= PLT_AGENT_STATE_PAUSED; state++)
    {
      g_assert_true (g_hash_table_add (icons, (gpointer) plt_agent_state_get_icon_name (state)));
      g_assert_true (g_hash_table_add (classes, (gpointer) plt_agent_state_get_css_class (state)));
      g_assert_nonnull (plt_agent_state_get_label (state));
    }

  paused = plt_agent_state_dup_display (PLT_AGENT_STATE_PAUSED, "lunch");
  g_assert_cmpstr (paused, ==, "Paused · Lunch");
  on_call = plt_agent_state_dup_display (PLT_AGENT_STATE_ON_CALL, "lunch");
  g_assert_cmpstr (on_call, ==, "On call");
  g_assert_cmpstr (plt_agent_state_get_label (PLT_AGENT_STATE_WRAP_UP), ==, "Wrap-up");
  g_assert_cmpstr (plt_agent_state_get_label (PLT_AGENT_STATE_LOGGED_OUT), ==, "Logged out");
}

static void
test_format_service_level (void)
{
  g_autofree char *percent = NULL;

  g_assert_cmpint (plt_sl_level_classify (-1.0, 0.8), ==, PLT_SL_LEVEL_NONE);
  g_assert_cmpint (plt_sl_level_classify (0.8, 0.8), ==, PLT_SL_LEVEL_OK);
  g_assert_cmpint (plt_sl_level_classify (0.95, 0.8), ==, PLT_SL_LEVEL_OK);
  g_assert_cmpint (plt_sl_level_classify (0.77, 0.8), ==, PLT_SL_LEVEL_WARNING);
  g_assert_cmpint (plt_sl_level_classify (0.75, 0.8), ==, PLT_SL_LEVEL_WARNING);
  g_assert_cmpint (plt_sl_level_classify (0.74, 0.8), ==, PLT_SL_LEVEL_BREACH);
  g_assert_cmpstr (plt_sl_level_get_css_class (PLT_SL_LEVEL_BREACH), ==, "sl-breach");
  g_assert_cmpstr (plt_sl_level_get_icon_name (PLT_SL_LEVEL_OK), !=,
                   plt_sl_level_get_icon_name (PLT_SL_LEVEL_BREACH));

  percent = plt_format_percent (0.824);
  g_assert_cmpstr (percent, ==, "82\u00a0%");
}

static void
test_format_uri (void)
{
  struct {
    const char *text;
    const char *uri;
  } cases[] = {
    { "ws://127.0.0.1:8765/acd", "ws://127.0.0.1:8765/acd" },
    { "  router.example:8765  ", "ws://router.example:8765/acd" },
    { "wss://router.example", "wss://router.example/acd" },
    { "https://router.example:443/other", "wss://router.example:443/other" },
    { "", NULL },
    { "ftp://router.example", NULL },
    { "ws://", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = plt_normalize_router_uri (cases[i].text, &error);

      g_assert_cmpstr (uri, ==, cases[i].uri);
      if (cases[i].uri == NULL)
        g_assert_error (error, G_URI_ERROR, error->code);
      else
        g_assert_no_error (error);
    }
}

static void
test_format_elapsed (void)
{
  g_autofree char *none = plt_format_elapsed (100000, 0);
  g_autofree char *negative = plt_format_elapsed (1000, 5000);
  g_autofree char *zero = plt_format_duration (0);

  g_assert_cmpstr (none, ==, "—");
  g_assert_cmpstr (negative, ==, zero);
}

/* Smoke: every template builds without a warning, and goes away ------------ */

static void
test_smoke_templates (void)
{
  GType types[] = {
    PLT_TYPE_QUEUE_CARD,
    PLT_TYPE_QUEUE_BOARD,
    PLT_TYPE_AGENT_LIST,
    PLT_TYPE_CONNECTION_INDICATOR,
    PLT_TYPE_STATE_PILL,
    PLT_TYPE_SL_BAR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *widget = g_object_ref_sink (g_object_new (types[i], NULL));

      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (widget, types[i]));
      g_assert_finalize_object (widget);
    }
}

static void
test_smoke_window (void)
{
  GtkWidget *window = g_object_ref (g_object_new (PLT_TYPE_WINDOW, NULL));

  /* Without a client, the window welcomes the supervisor. */
  g_assert_cmpstr (_plt_window_get_page (PLT_WINDOW (window)), ==, "welcome");
  g_assert_false (_plt_window_get_banner_shown (PLT_WINDOW (window)));

  gtk_widget_activate_action (window, "win.view", "s", "agents");
  g_assert_cmpstr (plt_window_get_view (PLT_WINDOW (window)), ==, "agents");
  plt_window_set_view (PLT_WINDOW (window), "wallboard");
  g_assert_cmpstr (plt_window_get_view (PLT_WINDOW (window)), ==, "agents");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_smoke_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/plateau/Plateau/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_smoke_connection_status (void)
{
  PltConnectionStatus *status = plt_connection_status_new (NULL);

  g_assert_false (plt_connection_status_get_live (status));
  g_assert_null (plt_connection_status_get_message (status));
  g_assert_cmpstr (plt_connection_status_get_css_class (status), ==, "connection-disconnected");
  g_assert_finalize_object (status);
}

/* Widgets on their own ----------------------------------------------------- */

static void
test_state_pill (void)
{
  GtkWidget *pill = g_object_ref_sink (plt_state_pill_new ());

  plt_state_pill_set_state (PLT_STATE_PILL (pill), PLT_AGENT_STATE_PAUSED);
  plt_state_pill_set_reason (PLT_STATE_PILL (pill), "back_office");
  g_assert_cmpstr (plt_state_pill_get_text (PLT_STATE_PILL (pill)), ==, "Paused · Back office");
  g_assert_true (gtk_widget_has_css_class (pill, "state-paused"));

  plt_state_pill_set_state (PLT_STATE_PILL (pill), PLT_AGENT_STATE_RINGING);
  g_assert_cmpstr (plt_state_pill_get_text (PLT_STATE_PILL (pill)), ==, "Ringing");
  g_assert_true (gtk_widget_has_css_class (pill, "state-ringing"));
  g_assert_false (gtk_widget_has_css_class (pill, "state-paused"));

  g_assert_finalize_object (pill);
}

static void
test_queue_card (void)
{
  g_autoptr(PltQueue) queue = plt_queue_new ("q-test");
  g_autoptr(PltQueueData) data = plt_queue_data_new ();
  g_autoptr(PltClock) clock = plt_clock_new ();
  GtkWidget *card;

  data->id = g_strdup ("q-test");
  data->ver = 1;
  /* Free text, never markup. */
  data->name = g_strdup ("Support R&D <Nord>");
  data->media = PLT_QUEUE_MEDIA_INBOUND;
  data->sl_threshold_s = 20;
  data->sl_target = 0.8;
  data->waiting = 3;
  data->today.offered = 120;
  data->today.answered = 100;
  data->today.answered_in_sl = 70;
  plt_queue_apply (queue, data, TRUE);

  card = g_object_ref_sink (plt_queue_card_new (queue, clock));

  g_assert_cmpstr (_plt_queue_card_get_name_text (PLT_QUEUE_CARD (card)), ==, "Support R&D <Nord>");
  g_assert_cmpstr (_plt_queue_card_get_waiting_text (PLT_QUEUE_CARD (card)), ==, "3");
  /* 70 of 100 answered in time, against 80 %: a breach. */
  g_assert_cmpstr (_plt_queue_card_get_sl_text (PLT_QUEUE_CARD (card)), ==, "70\u00a0% today");
  g_assert_true (gtk_widget_has_css_class (card, "sl-breach"));

  /* Updated in place by the queue's notifications. */
  data->ver = 2;
  data->waiting = 0;
  data->today.answered_in_sl = 90;
  plt_queue_apply (queue, data, FALSE);
  g_assert_cmpstr (_plt_queue_card_get_waiting_text (PLT_QUEUE_CARD (card)), ==, "0");
  g_assert_cmpstr (_plt_queue_card_get_longest_text (PLT_QUEUE_CARD (card)), ==, "—");
  g_assert_true (gtk_widget_has_css_class (card, "sl-ok"));
  g_assert_false (gtk_widget_has_css_class (card, "sl-breach"));

  g_assert_finalize_object (card);
}

/* End to end: a router, a client, the window ------------------------------- */

typedef struct
{
  PltRouter *router;
  PltClient *client;
  PltWindow *window;
  guint      n_synced;
  guint      n_flushed;
  guint      n_now;
} Fixture;

static void
client_synced_cb (PltClient *client,
                  Fixture   *fixture)
{
  fixture->n_synced++;
}

static void
model_flushed_cb (PltModel *model,
                  Fixture  *fixture)
{
  fixture->n_flushed++;
}

static void
clock_now_cb (PltClock   *clock,
              GParamSpec *pspec,
              Fixture    *fixture)
{
  fixture->n_now++;
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
client_not_live (gpointer data)
{
  Fixture *fixture = data;
  PltConnectionState state = plt_client_get_state (fixture->client);

  return state == PLT_CONNECTION_STATE_RECONNECTING ||
         state == PLT_CONNECTION_STATE_DISCONNECTED ||
         state == PLT_CONNECTION_STATE_FAILED;
}

static void
show_view (Fixture    *fixture,
           const char *view)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view", "s", view);
  g_assert_cmpstr (plt_window_get_view (fixture->window), ==, view);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  /* One more frame: rows made in the first layout get drawn. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
check_queue_board (Fixture *fixture)
{
  GListModel *queues = G_LIST_MODEL (plt_model_get_queues (plt_client_get_model (fixture->client)));
  PltQueueBoard *board = _plt_window_get_queue_board (fixture->window);
  g_autoptr(GPtrArray) cards = NULL;
  guint n_queues = g_list_model_get_n_items (queues);

  g_assert_cmpuint (n_queues, >, 0);

  /* The grid makes cards for the cells on screen: all of the demo's. */
  cards = _plt_queue_board_dup_cards (board);
  g_assert_cmpuint (cards->len, >=, n_queues);

  /* Each queue of the model has a card that shows its name. */
  for (guint i = 0; i < n_queues; i++)
    {
      g_autoptr(PltQueue) queue = g_list_model_get_item (queues, i);
      gboolean found = FALSE;

      for (guint j = 0; j < cards->len && !found; j++)
        {
          PltQueueCard *card = g_ptr_array_index (cards, j);

          if (plt_queue_card_get_queue (card) == queue)
            {
              g_assert_cmpstr (_plt_queue_card_get_name_text (card), ==, plt_queue_get_name (queue));
              g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (card)));
              found = TRUE;
            }
        }

      if (!found)
        g_error ("No card for the queue “%s”", plt_queue_get_name (queue));
    }
}

static void
check_agent_rows (Fixture *fixture)
{
  GListModel *agents = G_LIST_MODEL (plt_model_get_agents (plt_client_get_model (fixture->client)));
  PltAgentList *list = _plt_window_get_agent_list (fixture->window);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) cells = NULL;
  guint n_matching = 0;

  g_assert_cmpuint (g_list_model_get_n_items (agents), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(PltAgent) agent = g_list_model_get_item (agents, i);
      g_hash_table_add (names, (gpointer) plt_agent_get_name (agent));
    }

  cells = find_widgets (GTK_WIDGET (_plt_agent_list_get_column_view (list)),
                        GTK_TYPE_INSCRIPTION, "agent-name");
  g_assert_cmpuint (cells->len, >, 0);

  for (guint i = 0; i < cells->len; i++)
    {
      const char *text = gtk_inscription_get_text (g_ptr_array_index (cells, i));

      if (text != NULL && g_hash_table_contains (names, text))
        n_matching++;
    }

  g_assert_cmpuint (n_matching, >=, 1);
}

typedef struct
{
  GPtrArray *cells;
  GPtrArray *texts;
} TimeCells;

static gboolean
time_cell_changed (gpointer data)
{
  TimeCells *cells = data;

  for (guint i = 0; i < cells->cells->len; i++)
    if (g_strcmp0 (gtk_inscription_get_text (g_ptr_array_index (cells->cells, i)),
                   g_ptr_array_index (cells->texts, i)) != 0)
      return TRUE;

  return FALSE;
}

static gboolean
clock_ticked_twice (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_now >= 2;
}

static void
check_time_in_state_ticks (Fixture *fixture)
{
  PltAgentList *list = _plt_window_get_agent_list (fixture->window);
  PltClock *clock = plt_client_get_clock (fixture->client);
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  TimeCells time_cells;
  gulong handler;

  /* Hold the simulation still: only the clock may change the texts. */
  plt_router_set_paused (fixture->router, TRUE);
  wait_until (model_settled, fixture, WAIT_TIMEOUT_MS, "the model to settle");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  cells = find_widgets (GTK_WIDGET (_plt_agent_list_get_column_view (list)),
                        GTK_TYPE_INSCRIPTION, "time-in-state");
  g_assert_cmpuint (cells->len, >, 0);
  for (guint i = 0; i < cells->len; i++)
    g_ptr_array_add (texts, g_strdup (gtk_inscription_get_text (g_ptr_array_index (cells, i))));

  fixture->n_now = 0;
  handler = g_signal_connect (clock, "notify::now", G_CALLBACK (clock_now_cb), fixture);
  wait_until (clock_ticked_twice, fixture, WAIT_TIMEOUT_MS, "the clock to tick");
  g_signal_handler_disconnect (clock, handler);

  time_cells.cells = cells;
  time_cells.texts = texts;
  g_assert_true (time_cell_changed (&time_cells));

  plt_router_set_paused (fixture->router, FALSE);
}

static gboolean
flushed_twice (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_flushed >= 2;
}

static void
check_selection_survives_updates (Fixture *fixture)
{
  PltAgentList *list = _plt_window_get_agent_list (fixture->window);
  GtkSelectionModel *selection = gtk_column_view_get_model (_plt_agent_list_get_column_view (list));
  PltModel *model = plt_client_get_model (fixture->client);
  gpointer selected;
  gulong handler;

  g_assert_true (PLT_IS_ITEM_SELECTION (selection));
  plt_item_selection_set_selected (PLT_ITEM_SELECTION (selection), 0);
  selected = plt_item_selection_get_selected_item (PLT_ITEM_SELECTION (selection));
  g_assert_nonnull (selected);

  fixture->n_flushed = 0;
  handler = g_signal_connect (model, "flushed", G_CALLBACK (model_flushed_cb), fixture);
  wait_until (flushed_twice, fixture, WAIT_TIMEOUT_MS, "two batches of updates");
  g_signal_handler_disconnect (model, handler);

  /* Sorted by name, which the simulation does not change: same item. */
  g_assert_true (plt_item_selection_get_selected_item (PLT_ITEM_SELECTION (selection)) == selected);
}

static void
check_render (Fixture    *fixture,
              const char *png_name)
{
  g_autoptr(GdkTexture) texture = plt_render_widget (_plt_window_get_content (fixture->window));

  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==,
                   gtk_widget_get_width (_plt_window_get_content (fixture->window)));
  assert_texture_has_content (texture);
  save_texture (texture, png_name);
}

static void
test_end_to_end (void)
{
  PltRouterOptions options = {
    .scenario = "demo",
    .speed = 5.0,
    .seed = 20240611,
    .heartbeat_ms = 0,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  PltConnectionIndicator *indicator;
  Fixture fixture = { 0 };
  const char *text;

  fixture.router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  g_assert_true (plt_router_listen (fixture.router, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  uri = plt_router_dup_uri (fixture.router);

  fixture.client = plt_client_new (NULL, NULL);
  g_signal_connect (fixture.client, "synced", G_CALLBACK (client_synced_cb), &fixture);

  fixture.window = g_object_ref (PLT_WINDOW (plt_window_new (NULL, NULL)));
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1280, 800);
  plt_window_set_client (fixture.window, fixture.client);
  g_assert_cmpstr (_plt_window_get_page (fixture.window), ==, "connecting");
  gtk_window_present (GTK_WINDOW (fixture.window));

  {
    g_autofree char *token = plt_router_create_demo_token (fixture.router, NULL, &error);

    g_assert_no_error (error);
    plt_client_set_token (fixture.client, token);
  }
  plt_client_connect (fixture.client, uri);

  wait_until (is_synced, &fixture, WAIT_TIMEOUT_MS, "the first snapshot");
  wait_until (model_settled, &fixture, WAIT_TIMEOUT_MS, "the model to flush");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture.window));

  indicator = _plt_window_get_indicator (fixture.window);
  g_assert_cmpstr (_plt_window_get_page (fixture.window), ==, "boards");
  g_assert_cmpint (plt_client_get_state (fixture.client), ==, PLT_CONNECTION_STATE_LIVE);
  g_assert_cmpstr (plt_connection_indicator_get_text (indicator), ==, "Live");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (indicator), "connection-live"));
  g_assert_false (gtk_widget_has_css_class (_plt_window_get_boards (fixture.window), "stale"));
  g_assert_false (_plt_window_get_banner_shown (fixture.window));

  /* (b) The queues */
  show_view (&fixture, "queues");
  check_queue_board (&fixture);
  check_render (&fixture, "ui-queues.png");

  /* The agents */
  show_view (&fixture, "agents");
  check_agent_rows (&fixture);
  check_time_in_state_ticks (&fixture);
  check_selection_survives_updates (&fixture);
  show_view (&fixture, "agents");
  check_render (&fixture, "ui-agents.png");

  /* (c) The router goes away */
  plt_router_stop (fixture.router);
  wait_until (client_not_live, &fixture, WAIT_TIMEOUT_MS, "the client to notice the loss");

  text = plt_connection_indicator_get_text (indicator);
  g_assert_true (g_str_has_prefix (text, "Reconnecting") || g_str_equal (text, "Disconnected"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (indicator), "connection-live"));
  g_assert_true (gtk_widget_has_css_class (_plt_window_get_boards (fixture.window), "stale"));
  g_assert_true (_plt_window_get_banner_shown (fixture.window));
  if (plt_client_get_state (fixture.client) == PLT_CONNECTION_STATE_RECONNECTING)
    g_assert_true (g_str_has_prefix (gtk_label_get_label (_plt_window_get_banner_label (fixture.window)),
                                     "Connection lost — last update "));

  show_view (&fixture, "queues");
  check_render (&fixture, "ui-queues-stale.png");

  /* Tear down: the window lets go of everything it followed. */
  plt_client_disconnect (fixture.client);
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  g_assert_finalize_object (fixture.window);
  g_signal_handlers_disconnect_by_data (fixture.client, &fixture);
  g_assert_finalize_object (fixture.client);
  g_object_unref (fixture.router);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* What PltApplication gets from its resource base path, without one:
   * the style sheet, the icons, no animation half-way in a picture. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/plateau/Plateau/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/plateau/Plateau/icons");
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/Plateau/Format/reason", test_format_reason);
  g_test_add_func ("/Plateau/Format/state", test_format_state);
  g_test_add_func ("/Plateau/Format/service-level", test_format_service_level);
  g_test_add_func ("/Plateau/Format/uri", test_format_uri);
  g_test_add_func ("/Plateau/Format/elapsed", test_format_elapsed);
  g_test_add_func ("/Plateau/Smoke/templates", test_smoke_templates);
  g_test_add_func ("/Plateau/Smoke/window", test_smoke_window);
  g_test_add_func ("/Plateau/Smoke/help-overlay", test_smoke_help_overlay);
  g_test_add_func ("/Plateau/Smoke/connection-status", test_smoke_connection_status);
  g_test_add_func ("/Plateau/StatePill/states", test_state_pill);
  g_test_add_func ("/Plateau/QueueCard/updates", test_queue_card);
  g_test_add_func ("/Plateau/Window/end-to-end", test_end_to_end);

  return g_test_run ();
}
