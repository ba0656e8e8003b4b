/* test-ui-queues.c — the queue board, its cards and pages, the alert banner,
 * stale data and the router's certificate, under a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb with GTK_A11Y=test, GSK_RENDERER=cairo and
 * G_DEBUG=fatal-warnings. Every wait is bounded; nothing sleeps.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "plt-alert-overrides.h"
#include "plt-alerts.h"
#include "plt-call.h"
#include "plt-certificate-dialog.h"
#include "plt-client.h"
#include "plt-connection-trust.h"
#include "plt-preferences-window.h"
#include "plt-queue-board-private.h"
#include "plt-queue-card-private.h"
#include "plt-queue-detail-private.h"
#include "plt-render.h"
#include "plt-router.h"
#include "plt-sparkline.h"
#include "plt-store.h"
#include "plt-tooltip.h"
#include "plt-window-private.h"

#define WAIT_TIMEOUT_MS 20000
/* 2026-11-27 10:00:00 UTC */
#define T0     G_GINT64_CONSTANT (1795773600000)
#define SECOND 1000

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
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_TIMEOUT_MS * 1000;
  guint wake_up_id = g_timeout_add (25, wake_up_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %u ms waiting for %s", WAIT_TIMEOUT_MS, what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake_up_id);
}

/* The texture is not empty and not one flat colour. */
static gsize
count_other_pixels (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);
  gsize n_different = 0;

  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  for (gsize i = 1; i < (gsize) width * height; i++)
    if (pixels[i] != pixels[0])
      n_different++;

  return n_different;
}

static gboolean
deadline_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets what was scheduled run out (closes, answers from an idle), for at
 * most @ms: references they hold go before the objects are checked. */
static void
drain (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, deadline_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
save_texture (GdkTexture *texture,
              const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

static GtkWidget *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  return window;
}

static gint64 version;

static PltQueueData *
queue_data (const char *id,
            const char *name)
{
  PltQueueData *data = plt_queue_data_new ();

  data->id = g_strdup (id);
  data->ver = ++version;
  data->name = g_strdup (name);
  data->media = PLT_QUEUE_MEDIA_INBOUND;
  data->sl_threshold_s = 20;
  data->sl_target = 0.8;

  return data;
}

static void
apply_queue (PltModel     *model,
             PltQueueData *data)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_QUEUE_UPDATE);

  data->ver = ++version;
  message->u.queue = plt_queue_data_copy (data);
  plt_model_apply_delta (model, message);
  plt_model_flush (model);
}

static void
apply_call (PltModel     *model,
            const char   *id,
            const char   *queue,
            const char   *number,
            gint64        enqueued,
            guint         priority,
            PltCallState  state)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_CALL_UPDATE);
  PltCallData *data = plt_call_data_new ();

  data->id = g_strdup (id);
  data->ver = ++version;
  data->queue = g_strdup (queue);
  data->state = state;
  data->number = g_strdup (number);
  data->since = enqueued;
  data->enqueued = enqueued;
  data->priority = priority;
  message->u.call = data;
  plt_model_apply_delta (model, message);
  plt_model_flush (model);
}

static void
apply_kpi (PltModel     *model,
           const char   *id,
           const char   *period,
           double        service_level,
           PltKpiValues *values)
{
  PltKpiUpdateData update = { 0 };

  update.scope = (char *) "queue";
  update.id = (char *) id;
  update.period = (char *) period;
  update.from = g_str_equal (period, "rolling") ? T0 - 30 * 60 * SECOND : T0 - 2 * 3600 * SECOND;
  update.to = T0;
  update.sl_variant = (char *) "short_abandons_excluded";
  update.sl_threshold_s = 20;
  update.values = *values;
  update.values.service_level = service_level;
  g_assert_true (plt_model_apply_kpi (model, &update));
}

/* gtk_test_accessible_assert_property() pastes the value into a format
 * string, where a "%" breaks it: the check, then the assertion. */
static void
assert_accessible_text (GtkAccessible         *accessible,
                        GtkAccessibleProperty  property,
                        const char            *expected)
{
  g_autofree char *mismatch = gtk_test_accessible_check_property (accessible, property, expected);

  if (mismatch != NULL)
    g_error ("Accessible property: expected “%s”, got “%s”", expected, mismatch);
}

static const char *
part_text (PltQueueCard *card,
           const char   *name)
{
  GtkWidget *part = _plt_queue_card_get_part (card, name);

  /* Figures are inscriptions (they do not resize the card), words labels. */
  if (GTK_IS_INSCRIPTION (part))
    return gtk_inscription_get_text (GTK_INSCRIPTION (part));

  return gtk_label_get_label (GTK_LABEL (part));
}

/* The definition its tooltip tells (worked out on hover). */
static const char *
part_tooltip (PltQueueCard *card,
              const char   *name)
{
  static char *last;

  g_assert_true (gtk_widget_get_has_tooltip (_plt_queue_card_get_part (card, name)));
  g_free (last);
  last = _plt_queue_card_dup_definition (card, name);

  return last;
}

/* The card updates its labels once per frame. */
static void
settle (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (widget)));
}

/* The card: every figure, its definition, its sentence --------------------- */

static void
test_card_figures (void)
{
  g_autoptr(PltModel) model = plt_model_new ();
  g_autoptr(PltClock) clock = plt_clock_new ();
  g_autoptr(PltQueueData) data = queue_data ("q-1", "Ventes");
  PltKpiValues values;
  PltQueueCard *card;
  PltQueue *queue;
  GtkWidget *window;

  plt_clock_sync (clock, T0, 1.0);
  data->waiting = 3;
  data->oldest_since = T0 - 70 * SECOND;
  data->today.offered = 120;
  data->today.answered = 100;
  data->today.answered_in_sl = 70;
  data->today.abandoned = 6;
  data->today.wait_total_s = 1300;
  data->agents = (PltQueueAgentCounts) { 2, 5, 1, 3, 0 };
  apply_queue (model, data);
  queue = plt_model_lookup_queue (model, "q-1");

  card = PLT_QUEUE_CARD (plt_queue_card_new (queue, clock));
  window = show_in_window (GTK_WIDGET (card), 400, 600);

  /* From the queue's own counters, before the router's figures. */
  g_assert_cmpstr (part_text (card, "waiting"), ==, "3");
  g_assert_cmpstr (part_text (card, "longest"), ==, "1:10");
  g_assert_cmpstr (part_text (card, "sl"), ==, "70\u00a0% today");
  g_assert_cmpstr (part_text (card, "asa"), ==, "0:13");
  g_assert_cmpstr (part_text (card, "abandon"), ==, "5\u00a0%");
  g_assert_cmpstr (part_text (card, "ewt"), ==, "—");
  g_assert_cmpstr (part_text (card, "available"), ==, "2");
  g_assert_cmpstr (part_text (card, "busy"), ==, "5");
  g_assert_cmpstr (part_text (card, "wrap-up"), ==, "1");
  g_assert_cmpstr (part_text (card, "paused"), ==, "3");
  g_assert_cmpstr (part_text (card, "target"), ==, "Target 80\u00a0% in 20 s");

  /* The wait moves with the clock's "now" only: a clock that stands still
   * (no link) leaves it, however often it is told. */
  g_object_notify (G_OBJECT (clock), "now");
  g_object_notify (G_OBJECT (clock), "now");
  g_assert_cmpstr (part_text (card, "longest"), ==, "1:10");
  plt_clock_sync (clock, T0 + 5 * SECOND, 1.0);
  g_assert_cmpstr (part_text (card, "longest"), ==, "1:15");
  plt_clock_sync (clock, T0, 1.0);
  g_assert_nonnull (strstr (part_tooltip (card, "sl-box"), "contacts answered within 20 s, among contacts answered."));
  /* The parts' fixed words are there when GTK asks (made on demand, not set
   * on every card made), and read as their description. */
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *part = _plt_queue_card_get_part (card, i == 0 ? "waiting-box" : "available-box");

      g_assert_true (gtk_widget_get_has_tooltip (part));
      g_assert_nonnull (strstr (plt_tooltip_get_text (part), i == 0 ? "waiting in the queue" : "ready to take"));
      g_assert_null (gtk_widget_get_tooltip_text (part));
    }
  g_assert_nonnull (strstr (part_tooltip (card, "sl-box"), "the router sends no figures of its own"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card), "sl-breach"));

  /* The router's figures, in the queue's variant. */
  plt_kpi_values_init (&values);
  values.offered = 120;
  values.answered = 100;
  values.abandoned = 6;
  values.asa_s = 12.4;
  values.abandon_rate = 0.042;
  values.ewt_s = 95;
  values.aht_s = 240;
  apply_kpi (model, "q-1", "today", 0.824, &values);
  apply_kpi (model, "q-1", "rolling", 0.9, &values);
  settle (GTK_WIDGET (card));

  g_assert_cmpstr (part_text (card, "sl"), ==, "82\u00a0% today");
  g_assert_cmpstr (part_text (card, "sl-rolling"), ==, "90\u00a0% over the last 30 min");
  g_assert_cmpstr (part_text (card, "asa"), ==, "0:12");
  g_assert_cmpstr (part_text (card, "abandon"), ==, "4\u00a0%");
  g_assert_cmpstr (part_text (card, "ewt"), ==, "1:35");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card), "sl-ok"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (card), "sl-breach"));

  /* Each figure's definition on hover: the variant, T and S. */
  g_assert_cmpstr (part_tooltip (card, "sl-box"), ==,
                   "Service level today: contacts answered within 20 s, among contacts answered and abandoned after 5 s. Target 80\u00a0%.");
  g_assert_cmpstr (part_tooltip (card, "sl-rolling"), ==,
                   "Service level over the last 30 minutes: contacts answered within 20 s, among contacts answered and abandoned after 5 s. Target 80\u00a0%.");
  g_assert_nonnull (strstr (part_tooltip (card, "asa-box"), "the mean wait of the contacts an agent answered"));
  g_assert_nonnull (strstr (part_tooltip (card, "abandon-box"), "leaving out those who hung up within 5 s"));
  g_assert_nonnull (strstr (part_tooltip (card, "ewt-box"), "joining the queue now would wait"));

  /* What a screen reader says. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_ROLE_GROUP);
  assert_accessible_text (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Ventes: 3 waiting, longest 1 min 10 s, service level 82\u00a0%, target 80\u00a0%");

  /* An alert, told in words too. */
  plt_queue_card_set_alert (card, PLT_ALERT_LEVEL_ALARM, "Ventes: 8 contacts waiting");
  g_assert_true (gtk_widget_get_visible (_plt_queue_card_get_part (card, "alert")));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card), "alert-alarm"));
  assert_accessible_text (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Ventes: 8 contacts waiting");

  /* Stale: from when it is. */
  plt_queue_card_set_stale (card, TRUE, "10:42:07");
  g_assert_true (gtk_widget_get_visible (_plt_queue_card_get_part (card, "stale")));
  g_assert_cmpstr (part_text (card, "stale-label"), ==, "Data from 10:42:07");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card), "stale"));
  plt_queue_card_set_stale (card, FALSE, NULL);
  g_assert_false (gtk_widget_get_visible (_plt_queue_card_get_part (card, "stale")));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The sparkline draws the hour -------------------------------------------- */

static void
test_sparkline (void)
{
  PltTrendSample samples[PLT_QUEUE_TRENDS_MINUTES + 1];
  g_autoptr(GdkTexture) empty = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  PltSparkline *sparkline;
  GtkWidget *window;
  guint n = 0;

  sparkline = PLT_SPARKLINE (plt_sparkline_new ());
  window = show_in_window (GTK_WIDGET (sparkline), 244, 48);
  empty = plt_render_widget (GTK_WIDGET (sparkline));

  /* An hour with a gap (the link was down from 10:20 to 10:25). */
  for (int m = 0; m <= PLT_QUEUE_TRENDS_MINUTES; m++)
    {
      if (m >= 20 && m < 25)
        continue;
      samples[n].minute = T0 + (gint64) m * 60 * SECOND;
      samples[n].waiting = (guint) (4 + 4 * sin (m / 6.0));
      samples[n].service_level = (float) (0.8 + 0.12 * cos (m / 9.0));
      n++;
    }
  plt_sparkline_set_samples (sparkline, samples, n, T0 + 60 * 60 * SECOND + 5 * SECOND, 0.8);
  g_assert_cmpuint (plt_sparkline_get_n_samples (sparkline), ==, n);
  gtk_test_widget_wait_for_draw (window);

  texture = plt_render_widget (GTK_WIDGET (sparkline));
  g_assert_nonnull (texture);
  save_texture (texture, "ui-sparkline.png");
  g_assert_cmpuint (count_other_pixels (texture), >, (gsize) 244 * 48 / 8);
  g_assert_cmpuint (count_other_pixels (texture), >, empty != NULL ? count_other_pixels (empty) : 0);

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (sparkline), GTK_ACCESSIBLE_ROLE_IMG);
  assert_accessible_text (GTK_ACCESSIBLE (sparkline), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Last hour: at most 7 contacts waiting, service level between 68\u00a0% and 92\u00a0%");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A queue's page lists its callers ---------------------------------------- */

static gboolean
detail_has_waiting (gpointer data)
{
  return g_list_model_get_n_items (_plt_queue_detail_get_waiting (data)) == 3;
}

static void
test_detail_waiting (void)
{
  g_autoptr(PltClock) clock = plt_clock_new ();
  g_autoptr(PltClient) client = plt_client_new (NULL, clock);
  PltModel *model = plt_client_get_model (client);
  g_autoptr(PltQueueData) data = queue_data ("q-1", "Ventes");
  g_autoptr(PltQueueData) other = queue_data ("q-2", "Support");
  PltQueueBoard *board;
  PltQueueDetail *detail;
  GListModel *waiting;
  GtkWidget *window;

  plt_clock_sync (clock, T0, 1.0);
  data->waiting = 3;
  apply_queue (model, data);
  apply_queue (model, other);
  apply_call (model, "c-1", "q-1", "06 •• •• 12 34", T0 - 40 * SECOND, 1, PLT_CALL_STATE_QUEUED);
  apply_call (model, "c-2", "q-1", "01 •• •• 98 76", T0 - 90 * SECOND, 1, PLT_CALL_STATE_QUEUED);
  apply_call (model, "c-3", "q-1", "07 •• •• 55 55", T0 - 10 * SECOND, 5, PLT_CALL_STATE_QUEUED);
  apply_call (model, "c-4", "q-1", "07 •• •• 11 11", T0 - 99 * SECOND, 1, PLT_CALL_STATE_CONNECTED);
  apply_call (model, "c-5", "q-2", "07 •• •• 22 22", T0 - 99 * SECOND, 1, PLT_CALL_STATE_QUEUED);

  board = PLT_QUEUE_BOARD (plt_queue_board_new ());
  plt_queue_board_set_client (board, client);
  window = show_in_window (GTK_WIDGET (board), 1100, 800);

  /* Two queues, two cards; the page of a queue the model lacks opens not. */
  {
    g_autoptr(GPtrArray) cards = _plt_queue_board_dup_cards (board);

    g_assert_cmpuint (cards->len, ==, 2);
  }
  g_assert_false (plt_queue_board_show_queue (board, "q-nope"));
  g_assert_null (plt_queue_board_get_queue_id (board));

  /* A card activated (a click, or Enter) opens its queue. */
  g_signal_emit_by_name (_plt_queue_board_get_grid_view (board), "activate", 0);
  g_assert_cmpstr (plt_queue_board_get_queue_id (board), ==, "q-1");
  gtk_test_widget_wait_for_draw (window);

  detail = _plt_queue_board_get_detail (board);
  wait_until (detail_has_waiting, detail, "the callers waiting");
  g_assert_cmpstr (_plt_queue_detail_get_waiting_page (detail), ==, "list");

  /* In the router's order: the higher priority first, then the longest waiting. */
  waiting = _plt_queue_detail_get_waiting (detail);
  {
    g_autoptr(PltCall) first = g_list_model_get_item (waiting, 0);
    g_autoptr(PltCall) second = g_list_model_get_item (waiting, 1);
    g_autoptr(PltCall) third = g_list_model_get_item (waiting, 2);

    g_assert_cmpstr (plt_call_get_id (first), ==, "c-3");
    g_assert_cmpstr (plt_call_get_id (second), ==, "c-2");
    g_assert_cmpstr (plt_call_get_id (third), ==, "c-1");
    g_assert_cmpstr (plt_call_get_number (second), ==, "01 •• •• 98 76");
  }

  /* A caller answered leaves the list. */
  apply_call (model, "c-2", "q-1", "01 •• •• 98 76", T0 - 90 * SECOND, 1, PLT_CALL_STATE_RINGING);
  g_assert_cmpuint (g_list_model_get_n_items (waiting), ==, 2);

  /* Not connected: the intervals say why. */
  g_assert_cmpuint (g_list_model_get_n_items (_plt_queue_detail_get_intervals (detail)), ==, 0);

  /* Back: the cards, by the action (Escape and Alt+← say the same). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.back", NULL));
  g_assert_null (plt_queue_board_get_queue_id (board));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* 500 queues: a screenful of cards ----------------------------------------- */

static void
test_board_large (void)
{
  g_autoptr(PltClient) client = plt_client_new (NULL, NULL);
  PltModel *model = plt_client_get_model (client);
  g_autoptr(GPtrArray) queues = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_queue_data_free);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GPtrArray) cards = NULL;
  PltQueueBoard *board;
  GtkWidget *window;

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *id = g_strdup_printf ("q-%03u", i);
      g_autofree char *name = g_strdup_printf ("File %u", i);

      g_ptr_array_add (queues, queue_data (id, name));
    }
  plt_model_replace_all (model, empty, empty, queues, empty);

  board = PLT_QUEUE_BOARD (plt_queue_board_new ());
  plt_queue_board_set_client (board, client);
  window = show_in_window (GTK_WIDGET (board), 1280, 800);
  gtk_test_widget_wait_for_draw (window);

  cards = _plt_queue_board_dup_cards (board);
  g_test_message ("%u cards for 500 queues", cards->len);
  /* GTK 4.8's grid keeps a few screenfuls of rows around the visible ones
   * (at most about 30 rows), never one card per queue. */
  g_assert_cmpuint (cards->len, >, 0);
  g_assert_cmpuint (cards->len, <, 250);

  /* Any queue opens, on screen or not. */
  g_assert_true (plt_queue_board_show_queue (board, "q-499"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The alert banner tells once ---------------------------------------------- */

typedef struct
{
  PltClient       *client;
  PltWindow       *window;
  PltAlertMonitor *alerts;
  PltQueueData    *data;
} AlertFixture;

static void
set_waiting (AlertFixture *f,
             guint         waiting)
{
  f->data->waiting = waiting;
  apply_queue (plt_client_get_model (f->client), f->data);
}

static void
test_alert_banner (void)
{
  AlertFixture f = { 0 };
  g_autoptr(PltClock) clock = plt_clock_new ();
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GPtrArray) queues = g_ptr_array_new ();
  PltQueueCard *card = NULL;

  plt_clock_sync (clock, T0, 1.0);
  f.client = plt_client_new (NULL, clock);
  f.data = queue_data ("q-1", "Ventes");
  g_ptr_array_add (queues, f.data);
  plt_model_replace_all (plt_client_get_model (f.client), empty, empty, queues, empty);

  f.window = g_object_ref (PLT_WINDOW (plt_window_new (NULL, NULL)));
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1200, 800);
  plt_window_set_client (f.window, f.client);
  f.alerts = plt_alert_monitor_new (plt_client_get_model (f.client), clock);
  plt_window_set_alerts (f.window, f.alerts);
  gtk_window_present (GTK_WINDOW (f.window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f.window));
  g_assert_false (_plt_window_get_alert_shown (f.window));

  /* A warning is on the card, not in the banner. */
  set_waiting (&f, 4);
  g_assert_false (_plt_window_get_alert_shown (f.window));

  /* An alarm: the banner says it, and the card. */
  set_waiting (&f, 7);
  g_assert_true (_plt_window_get_alert_shown (f.window));
  g_assert_cmpstr (gtk_label_get_label (_plt_window_get_alert_label (f.window)), ==, "Ventes: 7 contacts waiting");
  {
    g_autoptr(GPtrArray) cards = _plt_queue_board_dup_cards (_plt_window_get_queue_board (f.window));

    g_assert_cmpuint (cards->len, ==, 1);
    card = g_ptr_array_index (cards, 0);
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card), "alert-alarm"));
  }

  /* "Show the queue" opens it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-alert", NULL));
  g_assert_cmpstr (plt_queue_board_get_queue_id (_plt_window_get_queue_board (f.window)), ==, "q-1");

  /* Acknowledged (Ctrl+Shift+A): gone, and it stays gone while the alarm
   * lasts, however it moves. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.acknowledge-alerts", NULL));
  g_assert_false (_plt_window_get_alert_shown (f.window));
  set_waiting (&f, 9);
  plt_clock_sync (clock, T0 + SECOND, 1.0);
  g_assert_false (_plt_window_get_alert_shown (f.window));
  /* The card still shows it: acknowledged is not ended. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card), "alert-alarm"));

  /* It ends and comes back: told again. */
  set_waiting (&f, 0);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (card), "alert-alarm"));
  set_waiting (&f, 8);
  g_assert_true (_plt_window_get_alert_shown (f.window));

  /* Two queues at once: counted, with the queues named. */
  {
    g_autoptr(PltQueueData) other = queue_data ("q-2", "Support");

    other->waiting = 12;
    apply_queue (plt_client_get_model (f.client), other);
    g_assert_cmpstr (gtk_label_get_label (_plt_window_get_alert_label (f.window)), ==,
                     "2 alerts: Support: 12 contacts waiting (queues: Support, Ventes)");
  }

  gtk_window_destroy (GTK_WINDOW (f.window));
  /* The queue's page asked for its intervals: the answer (not connected)
   * comes from an idle, holding the client until then. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f.window);
  g_assert_finalize_object (f.alerts);
  g_assert_finalize_object (f.client);
  g_clear_pointer (&f.data, plt_queue_data_free);
}

/* Stale: greyed, dated, frozen --------------------------------------------- */

typedef struct
{
  PltRouter *router;
  PltClient *client;
  PltWindow *window;
} RouterFixture;

static gboolean
client_live (gpointer data)
{
  return plt_client_get_state (data) == PLT_CONNECTION_STATE_LIVE;
}

static gboolean
client_not_live (gpointer data)
{
  return plt_client_get_state (data) != PLT_CONNECTION_STATE_LIVE;
}

static gboolean
model_settled (gpointer data)
{
  PltModel *model = plt_client_get_model (data);

  return plt_store_get_n_pending (plt_model_get_queues (model)) == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_queues (model))) > 0;
}

static gboolean
detail_has_intervals (gpointer data)
{
  return g_list_model_get_n_items (_plt_queue_detail_get_intervals (data)) > 0;
}

static void
test_stale (void)
{
  PltRouterOptions options = { .scenario = "demo", .speed = 5.0, .seed = 424242 };
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  PltRouter *router;
  PltClient *client;
  PltWindow *window;
  PltClock *clock;
  gint64 frozen;

  router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  g_assert_true (plt_router_listen (router, "127.0.0.1", 0, &error));
  uri = plt_router_dup_uri (router);
  token = plt_router_create_demo_token (router, NULL, &error);
  g_assert_no_error (error);

  client = plt_client_new (NULL, NULL);
  clock = plt_client_get_clock (client);
  plt_client_set_token (client, token);
  window = g_object_ref (PLT_WINDOW (plt_window_new (NULL, NULL)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  plt_window_set_client (window, client);
  gtk_window_present (GTK_WINDOW (window));
  plt_client_connect (client, uri);
  wait_until (client_live, client, "the first snapshot");
  wait_until (model_settled, client, "the queues");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  cards = _plt_queue_board_dup_cards (_plt_window_get_queue_board (window));
  g_assert_cmpuint (cards->len, >, 0);
  for (guint i = 0; i < cards->len; i++)
    {
      PltQueueCard *card = g_ptr_array_index (cards, i);

      g_assert_false (plt_queue_card_get_stale (card));
      g_assert_false (gtk_widget_get_visible (_plt_queue_card_get_part (card, "stale")));
    }

  /* Live, a queue's page gets its quarter-hours from the router
   * (kpi.query). */
  {
    PltQueueBoard *board = _plt_window_get_queue_board (window);
    PltQueueDetail *detail = _plt_queue_board_get_detail (board);
    PltQueue *queue = plt_queue_card_get_queue (g_ptr_array_index (cards, 0));
    g_autoptr(GdkTexture) texture = NULL;

    g_assert_true (plt_window_show_queue (window, plt_queue_get_id (queue)));
    wait_until (detail_has_intervals, detail, "the intervals of today");
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    texture = plt_render_widget (_plt_window_get_content (window));
    g_assert_nonnull (texture);
    save_texture (texture, "ui-queue-detail.png");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.back", NULL));
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  }

  /* The router goes away. */
  plt_router_stop (router);
  wait_until (client_not_live, client, "the client to notice");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* Greyed, dated with the last update. */
  g_assert_true (gtk_widget_has_css_class (_plt_window_get_boards (window), "stale"));
  for (guint i = 0; i < cards->len; i++)
    {
      PltQueueCard *card = g_ptr_array_index (cards, i);
      const char *text = gtk_label_get_label (GTK_LABEL (_plt_queue_card_get_part (card, "stale-label")));

      g_assert_true (plt_queue_card_get_stale (card));
      g_assert_true (gtk_widget_get_visible (_plt_queue_card_get_part (card, "stale")));
      g_assert_true (g_str_has_prefix (text, "Data from "));
      g_ptr_array_add (before, g_strdup (_plt_queue_card_get_longest_text (card)));
    }

  /* The timers stand still: "now" is frozen, and two notifications of it
   * change no figure. */
  g_assert_false (plt_clock_get_running (clock));
  frozen = plt_clock_get_now (clock);
  g_object_notify (G_OBJECT (clock), "now");
  g_object_notify (G_OBJECT (clock), "now");
  g_assert_cmpint (plt_clock_get_now (clock), ==, frozen);
  for (guint i = 0; i < cards->len; i++)
    g_assert_cmpstr (_plt_queue_card_get_longest_text (g_ptr_array_index (cards, i)), ==,
                     g_ptr_array_index (before, i));

  /* The queue's page says so too. */
  {
    PltQueueCard *card = g_ptr_array_index (cards, 0);
    PltQueueBoard *board = _plt_window_get_queue_board (window);
    PltQueueDetail *detail = _plt_queue_board_get_detail (board);

    g_assert_true (plt_window_show_queue (window, plt_queue_get_id (plt_queue_card_get_queue (card))));
    g_assert_true (plt_queue_card_get_stale (_plt_queue_detail_get_card (detail)));
  }

  {
    g_autoptr(GdkTexture) texture = NULL;

    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    texture = plt_render_widget (_plt_window_get_content (window));
    g_assert_nonnull (texture);
    save_texture (texture, "ui-queue-detail-stale.png");
    g_assert_cmpuint (count_other_pixels (texture), >, 1280 * 800 / 100);
  }

  plt_client_disconnect (client);
  g_ptr_array_set_size (cards, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  drain (200);
  g_assert_finalize_object (window);
  g_assert_finalize_object (client);
  g_object_unref (router);
}

/* The router's certificate ------------------------------------------------- */

static gboolean
client_failed (gpointer data)
{
  return plt_client_get_state (data) == PLT_CONNECTION_STATE_FAILED;
}

static gboolean
trust_has_certificate_dialog (gpointer data)
{
  return plt_connection_trust_get_certificate_dialog (data) != NULL;
}

static GtkWindow *
parent_cb (gpointer user_data)
{
  return user_data;
}

static void
test_certificate (void)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "tls", "server.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "tls", "server-key.pem", NULL);
  g_autofree char *ca = g_test_build_filename (G_TEST_DIST, "tls", "ca.pem", NULL);
  PltRouterOptions options = { .scenario = "demo", .speed = 1.0, .seed = 7 };
  g_autoptr(GSettings) settings = g_settings_new ("io.github.plateau.Plateau");
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *token = NULL;
  g_autofree char *ca_file = NULL;
  PltConnectionTrust *trust;
  AdwMessageDialog *dialog;
  PltRouter *router;
  PltClient *client;
  PltWindow *window;

  options.tls_cert_file = cert;
  options.tls_key_file = key;
  router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  g_assert_true (plt_router_listen (router, "127.0.0.1", 0, &error));
  uri = plt_router_dup_uri (router);
  g_assert_true (g_str_has_prefix (uri, "wss://127.0.0.1:"));
  token = plt_router_create_demo_token (router, NULL, &error);

  client = plt_client_new (NULL, NULL);
  plt_client_set_token (client, token);
  window = g_object_ref (PLT_WINDOW (plt_window_new (NULL, NULL)));
  plt_window_set_client (window, client);
  gtk_window_present (GTK_WINDOW (window));
  trust = plt_connection_trust_new (client, settings);
  plt_connection_trust_set_parent_func (trust, parent_cb, window);

  /* Not signed by an authority this computer knows: the dialog says so. */
  plt_client_connect (client, uri);
  wait_until (client_failed, client, "the certificate to be refused");
  wait_until (trust_has_certificate_dialog, trust, "the certificate dialog");
  dialog = ADW_MESSAGE_DIALOG (plt_connection_trust_get_certificate_dialog (trust));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The router’s certificate is not trusted");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "The router’s certificate is not trusted: it is self-signed, or signed by an authority this computer does not know."));
  /* One way on, never an accept-anyway. */
  g_assert_true (adw_message_dialog_has_response (dialog, "choose"));
  g_assert_true (adw_message_dialog_has_response (dialog, "close"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "choose"), ==, "Choose a _CA File…");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "choose"), ==, ADW_RESPONSE_SUGGESTED);
  g_assert_false (adw_message_dialog_has_response (dialog, "accept"));

  /* The window offers the same. */
  g_assert_cmpstr (_plt_window_get_page (window), ==, "connecting");

  /* Each reason in words. */
  {
    g_autofree char *both = plt_certificate_describe_errors (G_TLS_CERTIFICATE_BAD_IDENTITY | G_TLS_CERTIFICATE_EXPIRED);

    g_assert_cmpstr (both, ==,
                     "The router’s certificate is for another host name than the address you gave.\n"
                     "The router’s certificate has expired.");
    g_assert_cmpstr (plt_certificate_get_heading (G_TLS_CERTIFICATE_EXPIRED), ==, "The router’s certificate has expired");
  }

  /* Choosing the CA file: kept, and the client connects again. */
  g_assert_false (plt_certificate_use_ca_file (client, settings, "/nonexistent/ca.pem", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  adw_message_dialog_response (dialog, "close");
  g_assert_true (plt_certificate_use_ca_file (client, settings, ca, &error));
  g_assert_no_error (error);
  ca_file = g_settings_get_string (settings, "ca-file");
  g_assert_cmpstr (ca_file, ==, ca);
  wait_until (client_live, client, "the client, with the CA file");
  g_assert_cmpuint (plt_client_get_tls_errors (client), ==, 0);

  /* Another host name than the certificate's: said so. */
  {
    g_autofree char *by_name = NULL;
    g_autoptr(PltClient) other = plt_client_new (NULL, NULL);
    const char *port = strrchr (uri, ':');

    by_name = g_strdup_printf ("wss://localhost%s", port);
    g_assert_true (plt_client_set_ca_file (other, ca, NULL));
    plt_client_set_token (other, token);
    plt_client_connect (other, by_name);
    wait_until (client_failed, other, "the host name to be refused");
    g_assert_true (plt_client_get_tls_errors (other) & G_TLS_CERTIFICATE_BAD_IDENTITY);
    {
      g_autofree char *reasons = plt_certificate_describe_errors (plt_client_get_tls_errors (other));

      g_assert_nonnull (strstr (reasons, "for another host name"));
    }
    plt_client_disconnect (other);
  }

  g_settings_reset (settings, "ca-file");
  plt_client_disconnect (client);
  g_object_unref (trust);
  gtk_window_destroy (GTK_WINDOW (window));
  drain (200);
  g_assert_finalize_object (window);
  g_assert_finalize_object (client);
  plt_router_stop (router);
  g_object_unref (router);
}

/* Preferences: a queue's own thresholds ------------------------------------- */

static void
collect (GtkWidget  *widget,
         GType       type,
         GPtrArray  *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static void
test_preferences_overrides (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.plateau.Plateau");
  g_autoptr(PltClient) client = plt_client_new (NULL, NULL);
  g_autoptr(PltQueueData) ventes = queue_data ("q-1", "Ventes");
  g_autoptr(PltQueueData) support = queue_data ("q-2", "Support");
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GVariant) value = NULL;
  PltAlertThresholds thresholds = PLT_ALERT_THRESHOLDS_INIT;
  PltAlertOverrides *overrides;
  GtkWidget *window;
  GtkWidget *add_button = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  apply_queue (plt_client_get_model (client), ventes);
  apply_queue (plt_client_get_model (client), support);

  window = plt_preferences_window_new (NULL, settings, client);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 900);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "alerts");
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  collect (window, PLT_TYPE_ALERT_OVERRIDES, groups);
  g_assert_cmpuint (groups->len, ==, 1);
  overrides = g_ptr_array_index (groups, 0);

  /* Add Support (the combo's second queue): its row starts from the
   * defaults. */
  collect (GTK_WIDGET (overrides), ADW_TYPE_COMBO_ROW, buttons);
  g_assert_cmpuint (buttons->len, ==, 1);
  adw_combo_row_set_selected (g_ptr_array_index (buttons, 0), 1);
  g_ptr_array_set_size (buttons, 0);
  collect (GTK_WIDGET (overrides), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Add") == 0)
      add_button = g_ptr_array_index (buttons, i);
  g_assert_nonnull (add_button);
  g_signal_emit_by_name (add_button, "clicked");

  value = g_settings_get_value (settings, "alert-queue-overrides");
  g_assert_cmpuint (g_variant_n_children (value), ==, 1);
  {
    g_autoptr(GVariant) kept = g_variant_lookup_value (value, "q-2", G_VARIANT_TYPE (PLT_ALERT_THRESHOLDS_VARIANT_TYPE));
    PltAlertThresholds read;

    g_assert_nonnull (kept);
    plt_alert_thresholds_from_variant (&read, kept);
    g_assert_cmpmem (&read, sizeof read, &thresholds, sizeof thresholds);
  }

  /* A change is written at once. */
  collect (GTK_WIDGET (overrides), GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, ==, 4);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 2);
  g_clear_pointer (&value, g_variant_unref);
  value = g_settings_get_value (settings, "alert-queue-overrides");
  {
    g_autoptr(GVariant) kept = g_variant_lookup_value (value, "q-2", NULL);
    PltAlertThresholds read;

    plt_alert_thresholds_from_variant (&read, kept);
    g_assert_cmpuint (read.waiting_alarm, ==, 2);
  }

  gtk_test_widget_wait_for_draw (window);
  {
    g_autoptr(GdkTexture) texture = plt_render_widget (adw_window_get_content (ADW_WINDOW (window)));

    if (texture != NULL)
      save_texture (texture, "ui-preferences-alerts.png");
  }

  g_settings_reset (settings, "alert-queue-overrides");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/plateau/Plateau/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/plateau/Plateau/icons");
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/Plateau/QueueCard/figures", test_card_figures);
  g_test_add_func ("/Plateau/Sparkline/draws", test_sparkline);
  g_test_add_func ("/Plateau/QueueDetail/waiting", test_detail_waiting);
  g_test_add_func ("/Plateau/QueueBoard/large", test_board_large);
  g_test_add_func ("/Plateau/Alerts/banner", test_alert_banner);
  g_test_add_func ("/Plateau/Stale/greyed-and-frozen", test_stale);
  g_test_add_func ("/Plateau/Certificate/dialog", test_certificate);
  g_test_add_func ("/Plateau/Preferences/alert-overrides", test_preferences_overrides);

  return g_test_run ();
}
