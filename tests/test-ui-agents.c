/* test-ui-agents.c — the agent board under live updates, the tiles, the
 * operator page and its flight recorder, and the supervisor's actions
 * against a real router
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb), with GTK_A11Y=test, GSK_RENDERER=cairo and
 * G_DEBUG=fatal-warnings. Every wait is bounded; none is a fixed sleep.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "plt-agent.h"
#include "plt-agent-actions.h"
#include "plt-agent-list-private.h"
#include "plt-agent-tile.h"
#include "plt-board-model.h"
#include "plt-client.h"
#include "plt-csv.h"
#include "plt-flight-recorder.h"
#include "plt-history.h"
#include "plt-model.h"
#include "plt-operator-page.h"
#include "plt-render.h"
#include "plt-router.h"
#include "plt-router-private.h"
#include "plt-store.h"
#include "plt-stress.h"
#include "plt-stress-badge.h"
#include "plt-ui-format.h"

#define WAIT_TIMEOUT_MS 30000

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
  guint wake_up_id = g_timeout_add (20, wake_up_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %u ms waiting for %s", WAIT_TIMEOUT_MS, what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake_up_id);
}

static void
assert_texture_has_content (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);
  gsize n_different = 0;

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
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (widget)));
  texture = plt_render_widget (widget);
  g_assert_nonnull (texture);
  assert_texture_has_content (texture);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

/* A model fed by hand ---------------------------------------------------- */

static gint64 version = 1;

static void
put_team (PltModel   *model,
          const char *id,
          const char *name)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_TEAM_UPDATE);

  message->u.team = plt_team_data_new ();
  message->u.team->id = g_strdup (id);
  message->u.team->name = g_strdup (name);
  message->u.team->ver = version++;
  plt_model_apply_delta (model, message);
}

static void
put_agent (PltModel         *model,
           const char       *id,
           const char       *name,
           const char       *team,
           PltAgentStatus    status,
           PltAgentActivity  activity,
           gint64            since,
           const char       *queue)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_AGENT_UPDATE);
  PltAgentData *data = plt_agent_data_new ();
  const char *queues[] = { "q-ventes", NULL };

  data->id = g_strdup (id);
  data->ver = version++;
  data->name = g_strdup (name);
  data->team = g_strdup (team);
  data->status = status;
  data->activity = activity;
  data->since = since;
  data->queue = g_strdup (queue);
  g_strfreev (data->queues);
  data->queues = g_strdupv ((char **) queues);
  message->u.agent = data;
  plt_model_apply_delta (model, message);
}

typedef struct
{
  GtkWindow    *window;
  PltAgentList *list;
  PltModel     *model;
  PltClock     *clock;
} Board;

static void
board_set_up (Board *board,
              guint  n_agents)
{
  static const char * const teams[] = { "t-nord", "t-sud", "t-est" };
  static const char * const team_names[] = { "Équipe Nord", "Équipe Sud", "Équipe Est" };
  const gint64 t0 = 1795770000000;

  board->model = plt_model_new ();
  board->clock = plt_clock_new ();
  plt_clock_sync (board->clock, t0 + 3600 * 1000, 1.0);

  for (guint t = 0; t < G_N_ELEMENTS (teams); t++)
    put_team (board->model, teams[t], team_names[t]);
  for (guint i = 0; i < n_agents; i++)
    {
      g_autofree char *id = g_strdup_printf ("a-%03u", i);
      g_autofree char *name = g_strdup_printf ("Agent %03u", i);

      put_agent (board->model, id, name, teams[i % 3], PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE,
                 t0 + i * 1000, NULL);
    }
  plt_model_flush (board->model);

  board->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (board->window, 1400, 800);
  board->list = PLT_AGENT_LIST (plt_agent_list_new ());
  gtk_window_set_child (board->window, GTK_WIDGET (board->list));
  plt_agent_list_set_clock (board->list, board->clock);
  plt_agent_list_set_model (board->list, board->model);
  gtk_window_present (board->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (board->window));
}

static void
board_tear_down (Board *board)
{
  gtk_window_destroy (board->window);
  g_clear_object (&board->model);
  g_clear_object (&board->clock);
}

/* Announces what changed: the board places the agents as the model's
 * flush announces them. */
static void
board_settle (Board *board)
{
  plt_model_flush (board->model);
}

static guint
position_of_agent (GListModel *rows,
                   const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      if (PLT_IS_AGENT (item) && g_strcmp0 (plt_agent_get_id (PLT_AGENT (item)), id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
sort_by (Board      *board,
         guint       column,
         GtkSortType order)
{
  GtkColumnView *view = _plt_agent_list_get_column_view (board->list);
  g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (gtk_column_view_get_columns (view), column);

  gtk_column_view_sort_by_column (view, col, order);
}

/* Sorting and filtering under live updates ------------------------------- */

static void
test_sort_follows_state (void)
{
  Board board;
  GListModel *rows;
  guint before;

  board_set_up (&board, 30);
  rows = G_LIST_MODEL (_plt_agent_list_get_rows (board.list));

  /* By state: everyone available, the longest in the state first. */
  sort_by (&board, 2, GTK_SORT_ASCENDING);
  board_settle (&board);
  before = position_of_agent (rows, "a-020");
  g_assert_cmpuint (before, ==, 20);

  /* a-020 takes a call: it moves to the calls, ahead of the available ones
   * (the state sorter's rank), with no re-sort asked for. */
  put_agent (board.model, "a-020", "Agent 020", "t-sud", PLT_AGENT_STATUS_AVAILABLE,
             PLT_AGENT_ACTIVITY_ON_CALL, 1795770600000, "q-ventes");
  board_settle (&board);
  g_assert_cmpuint (position_of_agent (rows, "a-020"), !=, before);
  {
    g_autoptr(PltAgent) first = g_list_model_get_item (rows, 0);
    g_autoptr(PltAgent) last = g_list_model_get_item (rows, g_list_model_get_n_items (rows) - 1);
    gboolean calls_first = plt_agent_state_get_rank (PLT_AGENT_STATE_ON_CALL) <
                           plt_agent_state_get_rank (PLT_AGENT_STATE_AVAILABLE);

    g_assert_cmpstr (plt_agent_get_id (calls_first ? first : last), ==, "a-020");
  }

  /* By handled, from the router's figures: a figure that changes re-sorts. */
  /* The first click: the most first (the sorter of the column says so). */
  sort_by (&board, 6, GTK_SORT_ASCENDING);
  {
    g_autoptr(PltMessage) kpi = plt_message_new (PLT_MESSAGE_KPI_UPDATE);

    kpi->u.kpi_update.scope = g_strdup ("agent");
    kpi->u.kpi_update.id = g_strdup ("a-007");
    kpi->u.kpi_update.period = g_strdup ("today");
    kpi->u.kpi_update.from = 1795770000000;
    kpi->u.kpi_update.to = 1795773600000;
    kpi->u.kpi_update.values.handled = 42;
    kpi->u.kpi_update.values.aht_s = 251.0;
    g_assert_true (plt_model_apply_kpi (board.model, &kpi->u.kpi_update));
  }
  board_settle (&board);
  {
    g_autoptr(PltAgent) top = g_list_model_get_item (rows, 0);

    g_assert_cmpstr (plt_agent_get_id (top), ==, "a-007");
    g_assert_cmpint (plt_agent_get_handled (top), ==, 42);
  }

  board_tear_down (&board);
}

static void
test_filter_by_state_follows (void)
{
  Board board;
  GListModel *shown;

  board_set_up (&board, 12);
  shown = _plt_agent_list_get_shown (board.list);

  /* "On a contact": nobody yet. */
  _plt_agent_list_set_filters (board.list, 2, NULL, NULL);
  board_settle (&board);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);

  put_agent (board.model, "a-003", "Agent 003", "t-nord", PLT_AGENT_STATUS_AVAILABLE,
             PLT_AGENT_ACTIVITY_ON_CALL, 1795770600000, "q-ventes");
  put_agent (board.model, "a-004", "Agent 004", "t-sud", PLT_AGENT_STATUS_AVAILABLE,
             PLT_AGENT_ACTIVITY_RINGING, 1795770600000, "q-ventes");
  board_settle (&board);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);

  /* The call ends: a-003 leaves the filtered list by itself. */
  put_agent (board.model, "a-003", "Agent 003", "t-nord", PLT_AGENT_STATUS_AVAILABLE,
             PLT_AGENT_ACTIVITY_IDLE, 1795770900000, NULL);
  board_settle (&board);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_cmpuint (position_of_agent (shown, "a-004"), ==, 0);

  /* Current queue, and skill (the queues an agent serves). */
  _plt_agent_list_set_filters (board.list, 0, NULL, NULL);
  board_settle (&board);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 12);

  board_tear_down (&board);
}

static void
test_group_by_team (void)
{
  Board board;
  GListModel *rows;
  guint n_headers = 0;
  const char *team = NULL;

  board_set_up (&board, 9);
  rows = G_LIST_MODEL (_plt_agent_list_get_rows (board.list));

  _plt_agent_list_set_view (board.list, FALSE, TRUE);
  board_settle (&board);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 9 + 3);

  /* A header, then its team's agents, team after team. */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      if (PLT_IS_BOARD_GROUP (item))
        {
          n_headers++;
          team = plt_board_group_get_team_id (PLT_BOARD_GROUP (item));
          g_assert_cmpuint (plt_board_group_get_n_agents (PLT_BOARD_GROUP (item)), ==, 3);
          g_assert_nonnull (strstr (plt_board_group_get_summary (PLT_BOARD_GROUP (item)), "3 agents"));
        }
      else
        g_assert_cmpstr (plt_agent_get_team_id (PLT_AGENT (item)), ==, team);
    }
  g_assert_cmpuint (n_headers, ==, 3);
  {
    g_autoptr(GObject) first = g_list_model_get_item (rows, 0);

    g_assert_true (PLT_IS_BOARD_GROUP (first));
    g_assert_cmpstr (plt_board_group_get_title (PLT_BOARD_GROUP (first)), ==, "Équipe Est");
  }

  /* A live change keeps the groups: the header counts follow. */
  put_agent (board.model, "a-000", "Agent 000", "t-nord", PLT_AGENT_STATUS_AVAILABLE,
             PLT_AGENT_ACTIVITY_ON_CALL, 1795770600000, "q-ventes");
  board_settle (&board);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 12);
  {
    guint pos = position_of_agent (rows, "a-000");
    g_autoptr(GObject) header = NULL;

    while (pos > 0 && header == NULL)
      {
        g_autoptr(GObject) item = g_list_model_get_item (rows, --pos);

        if (PLT_IS_BOARD_GROUP (item))
          header = g_steal_pointer (&item);
      }
    g_assert_nonnull (header);
    g_assert_nonnull (strstr (plt_board_group_get_summary (PLT_BOARD_GROUP (header)), "1 on a contact"));
  }

  render_to_png (GTK_WIDGET (board.list), "ui-agents-grouped.png");

  /* Ungrouped again: no header left. */
  _plt_agent_list_set_view (board.list, FALSE, FALSE);
  board_settle (&board);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 9);

  board_tear_down (&board);
}

/* Replays the board's emissions on a list of its own. */
static void
replay_cb (GListModel *rows,
           guint       position,
           guint       removed,
           guint       added,
           GPtrArray  *replayed)
{
  g_assert_cmpuint (position + removed, <=, replayed->len);
  g_ptr_array_remove_range (replayed, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (replayed, position + i, g_list_model_get_item (rows, position + i));
  g_assert_cmpuint (replayed->len, ==, g_list_model_get_n_items (rows));
  /* A move is a removal then an insertion, a row each. */
  g_assert_cmpuint (removed + added, <=, 1);
}

/* Each agent that moves is announced alone, a removal at its old place and
 * an insertion at its new one, the rows between them untouched. */
static void
test_rows_move_alone (void)
{
  Board board;
  PltBoardModel *rows;
  GtkSorter *sorter;
  g_autoptr(GPtrArray) replayed = g_ptr_array_new_with_free_func (g_object_unref);
  guint64 moves, rebuilds;
  gulong handler;
  guint n;

  board_set_up (&board, 200);
  rows = _plt_agent_list_get_rows (board.list);
  sort_by (&board, 2, GTK_SORT_ASCENDING);
  board_settle (&board);
  sorter = gtk_column_view_get_sorter (_plt_agent_list_get_column_view (board.list));
  n = g_list_model_get_n_items (G_LIST_MODEL (rows));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (replayed, g_list_model_get_item (G_LIST_MODEL (rows), i));
  handler = g_signal_connect (rows, "items-changed", G_CALLBACK (replay_cb), replayed);
  moves = plt_board_model_get_n_moves (rows);
  rebuilds = plt_board_model_get_n_rebuilds (rows);

  /* Forty agents change state, scattered over the list. */
  for (guint i = 0; i < 200; i += 5)
    {
      g_autofree char *id = g_strdup_printf ("a-%03u", i);
      g_autofree char *name = g_strdup_printf ("Agent %03u", i);

      put_agent (board.model, id, name, "t-nord", PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE,
                 1795771000000 + i, NULL);
    }
  board_settle (&board);

  /* Two emissions at most per agent, no rebuild; what they said is what
   * the rows hold, in the sorter's order. */
  g_assert_cmpuint (plt_board_model_get_n_rebuilds (rows), ==, rebuilds);
  g_assert_cmpuint (plt_board_model_get_n_moves (rows) - moves, >, 0);
  g_assert_cmpuint (plt_board_model_get_n_moves (rows) - moves, <=, 2 * 40);
  g_assert_cmpuint (replayed->len, ==, 200);
  for (guint i = 0; i < replayed->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (rows), i);

      g_assert_true (item == g_ptr_array_index (replayed, i));
      if (i > 0)
        g_assert_cmpint (gtk_sorter_compare (sorter, g_ptr_array_index (replayed, i - 1), item), !=, GTK_ORDERING_LARGER);
    }
  /* The paused ones, all forty, are together. */
  {
    guint first = position_of_agent (G_LIST_MODEL (rows), "a-000");

    for (guint i = 0; i < 200; i += 5)
      {
        g_autofree char *id = g_strdup_printf ("a-%03u", i);
        guint position = position_of_agent (G_LIST_MODEL (rows), id);

        g_assert_cmpuint (position, <, G_MAXUINT);
        g_assert_cmpuint (MAX (position, first) - MIN (position, first), <, 40);
      }
  }

  g_signal_handler_disconnect (rows, handler);
  board_tear_down (&board);
}

static void
test_selection_and_scroll_survive (void)
{
  Board board;
  PltItemSelection *selection;
  GtkAdjustment *vadj;
  g_autoptr(PltAgent) chosen = NULL;
  double scrolled;

  board_set_up (&board, 300);
  selection = _plt_agent_list_get_selection (board.list, FALSE);
  vadj = gtk_scrolled_window_get_vadjustment (_plt_agent_list_get_scroller (board.list));

  /* By name; scrolled to the middle, an agent selected there. */
  board_settle (&board);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (board.window));
  gtk_adjustment_set_value (vadj, (gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj)) / 2);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (board.window));
  scrolled = gtk_adjustment_get_value (vadj);
  g_assert_cmpfloat (scrolled, >, 0);
  plt_item_selection_set_selected (selection, 150);
  chosen = g_object_ref (plt_item_selection_get_selected_item (selection));

  /* Updates all over the list, the chosen agent's own included; the
   * order by name does not change. Several rounds, each drawn. */
  for (guint round = 0; round < 5; round++)
    {
      for (guint i = round; i < 300; i += 7)
        {
          g_autofree char *id = g_strdup_printf ("a-%03u", i);
          g_autofree char *name = g_strdup_printf ("Agent %03u", i);

          put_agent (board.model, id, name, "t-sud", round % 2 ? PLT_AGENT_STATUS_PAUSED : PLT_AGENT_STATUS_AVAILABLE,
                     round % 2 ? PLT_AGENT_ACTIVITY_IDLE : PLT_AGENT_ACTIVITY_ON_CALL, 1795772000000 + round, NULL);
        }
      put_agent (board.model, plt_agent_get_id (chosen), plt_agent_get_name (chosen), "t-est",
                 PLT_AGENT_STATUS_AVAILABLE, round % 2 ? PLT_AGENT_ACTIVITY_WRAP_UP : PLT_AGENT_ACTIVITY_ON_CALL,
                 1795772000000 + round, "q-ventes");
      board_settle (&board);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (board.window));
    }

  g_assert_true (plt_item_selection_get_selected_item (selection) == (gpointer) chosen);
  g_assert_cmpuint (plt_item_selection_get_selected (selection), ==, 150);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadj), scrolled, 1.0);

  /* Sorted by state, the rows move under the selection: it follows the agent. */
  sort_by (&board, 2, GTK_SORT_ASCENDING);
  board_settle (&board);
  g_assert_true (plt_item_selection_get_selected_item (selection) == (gpointer) chosen);
  g_assert_cmpuint (plt_item_selection_get_selected (selection), ==,
                    plt_board_model_find (_plt_agent_list_get_rows (board.list), chosen));

  /* The agent changes state: removed from its place, inserted at another,
   * in two emissions; still selected, and the row shows it. */
  {
    guint before = plt_item_selection_get_selected (selection);
    guint after;

    put_agent (board.model, plt_agent_get_id (chosen), plt_agent_get_name (chosen), "t-est",
               PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE, 1795773000000, NULL);
    board_settle (&board);
    after = plt_item_selection_get_selected (selection);
    g_assert_cmpuint (after, !=, before);
    g_assert_true (plt_item_selection_get_selected_item (selection) == (gpointer) chosen);
    g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), after));
    g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (selection), before));
  }

  board_tear_down (&board);
}

static void
collect_tiles (GtkWidget *widget,
               GPtrArray *found)
{
  if (PLT_IS_AGENT_TILE (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_tiles (child, found);
}

static void
test_tiles_for_a_large_floor (void)
{
  Board board;
  g_autoptr(GPtrArray) tiles = g_ptr_array_new ();
  PltItemSelection *rows;
  PltItemSelection *tile_selection;
  g_autoptr(GObject) selected = NULL;

  board_set_up (&board, 1000);
  rows = _plt_agent_list_get_selection (board.list, FALSE);
  tile_selection = _plt_agent_list_get_selection (board.list, TRUE);

  put_agent (board.model, "a-010", "Agent 010", "t-nord", PLT_AGENT_STATUS_AVAILABLE,
             PLT_AGENT_ACTIVITY_ON_CALL, 1795772000000, "q-ventes");
  put_agent (board.model, "a-011", "Agent 011", "t-sud", PLT_AGENT_STATUS_PAUSED,
             PLT_AGENT_ACTIVITY_IDLE, 1795772000000, NULL);
  put_agent (board.model, "a-012", "Agent 012", "t-est", PLT_AGENT_STATUS_AVAILABLE,
             PLT_AGENT_ACTIVITY_WRAP_UP, 1795772000000, "q-ventes");
  board_settle (&board);
  plt_item_selection_set_selected (rows, 12);
  selected = g_object_ref (plt_item_selection_get_selected_item (rows));

  _plt_agent_list_set_view (board.list, TRUE, FALSE);
  board_settle (&board);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (board.window));

  /* The same agent is selected in the tiles; the table, hidden, follows
   * nothing meanwhile. */
  g_assert_true (plt_item_selection_get_selected_item (tile_selection) == (gpointer) selected);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (_plt_agent_list_get_rows (board.list))), ==, 0);

  /* Only the visible tiles exist (recycled), each with its time in state. */
  collect_tiles (GTK_WIDGET (_plt_agent_list_get_grid_view (board.list)), tiles);
  g_assert_cmpuint (tiles->len, >, 20);
  g_assert_cmpuint (tiles->len, <, 1000);
  for (guint i = 0; i < tiles->len; i++)
    {
      const char *time = plt_agent_tile_get_time_text (g_ptr_array_index (tiles, i));

      g_assert_nonnull (time);
      g_assert_nonnull (strchr (time, ':'));
    }

  render_to_png (GTK_WIDGET (board.list), "ui-agents-tiles.png");

  /* Back to the table: the selection comes back with it. */
  _plt_agent_list_set_view (board.list, FALSE, FALSE);
  board_settle (&board);
  g_assert_true (plt_item_selection_get_selected_item (rows) == (gpointer) selected);

  board_tear_down (&board);
}

static void
test_stress_badge (void)
{
  Board board;
  g_autofree char *words = NULL;
  PltAgent *agent;
  GtkWidget *badge = plt_stress_badge_new ();

  board_set_up (&board, 6);
  agent = plt_model_lookup_agent (board.model, "a-002");

  /* A pause of 40 minutes of "break": longer than the usual 15. */
  put_agent (board.model, "a-002", "Agent 002", "t-est", PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE,
             plt_clock_get_now (board.clock) - 40 * 60 * 1000, NULL);
  board_settle (&board);
  _plt_agent_list_evaluate_stress (board.list);
  g_assert_cmpuint (plt_agent_get_stress (agent) & PLT_STRESS_LONG_PAUSE, !=, 0);

  /* The popover lists it, with its actions. */
  g_assert_true (gtk_widget_get_visible (_plt_agent_list_get_stress_list (board.list)));
  g_assert_nonnull (gtk_widget_get_first_child (_plt_agent_list_get_stress_list (board.list)));

  g_object_ref_sink (badge);
  plt_stress_badge_set_flags (PLT_STRESS_BADGE (badge), PLT_STRESS_LONG_PAUSE | PLT_STRESS_NO_BREAK);
  g_assert_true (gtk_widget_get_visible (badge));
  words = plt_stress_badge_describe (PLT_STRESS_LONG_PAUSE);
  g_assert_nonnull (strstr (words, "pause"));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_finalize_object (badge);

  /* Dismissed: the badge goes, until the next pause. */
  plt_stress_tracker_dismiss (_plt_agent_list_get_stress (board.list), "a-002", PLT_STRESS_LONG_PAUSE);
  _plt_agent_list_evaluate_stress (board.list);
  g_assert_cmpuint (plt_agent_get_stress (agent) & PLT_STRESS_LONG_PAUSE, ==, 0);

  board_tear_down (&board);
}

/* Against a real router ---------------------------------------------------- */

typedef struct
{
  PltRouter    *router;
  PltClient    *client;
  GtkWindow    *window;
  PltAgentList *list;
} Live;

static gboolean
client_live (gpointer data)
{
  Live *live = data;

  return plt_client_get_state (live->client) == PLT_CONNECTION_STATE_LIVE &&
         g_list_model_get_n_items (G_LIST_MODEL (plt_model_get_agents (plt_client_get_model (live->client)))) > 0;
}

static void
live_set_up (Live *live)
{
  PltRouterOptions options = { "demo", 1.0, 11, 0 };
  static const char * const nord[] = { "t-nord", NULL };
  g_autoptr(GError) error = NULL;
  PltAuth *auth;

  live->router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  auth = plt_router_get_auth (live->router);
  plt_auth_set_hash_limits (auth, 1, 8192);
  plt_auth_add_user (auth, "lea", PLT_ROLE_SUPERVISOR, nord, NULL, "correct horse battery", &error);
  g_assert_no_error (error);
  plt_router_listen (live->router, "127.0.0.1", 0, &error);
  g_assert_no_error (error);

  live->client = plt_client_new (NULL, NULL);
  plt_client_set_kpi_scopes (live->client, (const char * const[]) { "queue", "team", "agent", NULL });
  plt_client_set_credentials (live->client, "lea", "correct horse battery");
  {
    g_autofree char *uri = plt_router_dup_uri (live->router);

    plt_client_connect (live->client, uri);
  }
  wait_until (client_live, live, "the supervisor's console to be live");

  live->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (live->window, 1400, 900);
  live->list = PLT_AGENT_LIST (plt_agent_list_new ());
  gtk_window_set_child (live->window, GTK_WIDGET (live->list));
  plt_agent_list_set_clock (live->list, plt_client_get_clock (live->client));
  plt_agent_list_set_model (live->list, plt_client_get_model (live->client));
  plt_agent_list_set_client (live->list, live->client);
  gtk_window_present (live->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (live->window));
}

static gboolean
no_clients (gpointer data)
{
  return plt_router_get_n_clients (data) == 0;
}

static void
live_tear_down (Live *live)
{
  gtk_window_destroy (live->window);
  plt_client_disconnect (live->client);
  wait_until (no_clients, live->router, "the router to see the console go");
  plt_router_stop (live->router);
  g_clear_object (&live->client);
  g_clear_object (&live->router);
}

/* An agent of the model without a contact, or with one. */
static PltAgent *
find_agent (Live     *live,
            gboolean  on_contact)
{
  GListModel *agents = G_LIST_MODEL (plt_model_get_agents (plt_client_get_model (live->client)));

  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(PltAgent) agent = g_list_model_get_item (agents, i);

      if ((plt_agent_get_call_id (agent) != NULL) == on_contact &&
          (on_contact || plt_agent_get_status (agent) == PLT_AGENT_STATUS_AVAILABLE))
        return agent;
    }

  return NULL;
}

typedef struct
{
  Live     *live;
  gboolean  on_contact;
} AgentWait;

static gboolean
agent_found (gpointer data)
{
  AgentWait *wait = data;

  return find_agent (wait->live, wait->on_contact) != NULL;
}

/* An agent of the supervisor's team, free or on a contact: whatever the
 * hour of the simulated day, the test makes one if none is. */
static PltAgent *
ensure_agent (Live     *live,
              gboolean  on_contact)
{
  AgentWait wait = { live, on_contact };
  g_autoptr(GPtrArray) agents = NULL;
  g_autoptr(GError) error = NULL;

  if (find_agent (live, on_contact) != NULL)
    return find_agent (live, on_contact);

  agents = plt_acd_dup_agents (live->router->acd);
  for (guint i = 0; i < agents->len; i++)
    {
      const PltAgentData *agent = g_ptr_array_index (agents, i);

      if (g_strcmp0 (agent->team, "t-nord") == 0 && agent->call == NULL)
        {
          g_assert_true (plt_acd_set_agent_status (live->router->acd, agent->id, PLT_AGENT_STATUS_AVAILABLE,
                                                   NULL, &error));
          g_assert_no_error (error);
          break;
        }
    }

  /* A call for the free agent. */
  if (on_contact)
    {
      g_autofree char *contact = plt_acd_add_contact (live->router->acd, "q-ventes", &error);

      g_assert_no_error (error);
      g_assert_nonnull (contact);
    }

  wait_until (agent_found, &wait, on_contact ? "an agent on a contact" : "a free agent");
  return find_agent (live, on_contact);
}

static void
select_agent (Live     *live,
              PltAgent *agent)
{
  PltBoardModel *rows = _plt_agent_list_get_rows (live->list);
  guint position;

  position = plt_board_model_find (rows, agent);
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  plt_item_selection_set_selected (_plt_agent_list_get_selection (live->list, FALSE), position);
}

typedef struct
{
  Live       *live;
  const char *prefix;
} ToastWait;

static gboolean
toast_says (gpointer data)
{
  ToastWait *wait = data;
  const char *toast = _plt_agent_actions_get_last_toast (_plt_agent_list_get_actions (wait->live->list));

  return toast != NULL && g_str_has_prefix (toast, wait->prefix);
}

static char *
last_audit (PltRouter  *router,
            const char *target)
{
  sqlite3 *db = plt_db_get_handle (router->db);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT result, user, action FROM audit WHERE target = ? "
                                           "ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup_printf ("%s %s %s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                          sqlite3_column_text (stmt, 2));
}

static gboolean
agent_paused (gpointer data)
{
  return plt_agent_get_status (data) == PLT_AGENT_STATUS_PAUSED;
}

static void
test_action_pause_own_team (void)
{
  Live live;
  PltAgent *agent;
  g_autofree char *expected = NULL;
  g_autofree char *row = NULL;
  ToastWait wait;

  live_set_up (&live);
  plt_router_set_paused (live.router, TRUE);
  agent = ensure_agent (&live, FALSE);
  g_assert_nonnull (agent);
  select_agent (&live, agent);

  /* From the keyboard's action: Ctrl+Shift+P gives a break. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (live.list), "agent.pause", "s", "break"));
  expected = g_strdup_printf ("%s is paused (Break)", plt_agent_get_name (agent));
  wait = (ToastWait) { &live, expected };
  wait_until (toast_says, &wait, "the success toast");
  wait_until (agent_paused, agent, "the agent to be paused");
  g_assert_cmpstr (plt_agent_get_reason (agent), ==, "break");

  row = last_audit (live.router, plt_agent_get_id (agent));
  g_assert_cmpstr (row, ==, "ok lea cmd.agent.status");

  live_tear_down (&live);
}

static void
test_action_refused_other_team (void)
{
  Live live;
  PltModel *model;
  PltAgent *stranger;
  g_autoptr(PltAgentData) before = NULL;
  g_autoptr(PltAgentData) after = NULL;
  g_autofree char *row = NULL;
  ToastWait wait;

  live_set_up (&live);
  plt_router_set_paused (live.router, TRUE);
  model = plt_client_get_model (live.client);

  /* The console holds an agent of another team (a stale picture): the
   * router has the last word. */
  put_team (model, "t-sud", "Équipe Sud");
  put_agent (model, "a-13", "Emma Lefebvre", "t-sud", PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE,
             plt_clock_get_now (plt_client_get_clock (live.client)), NULL);
  plt_model_flush (model);
  stranger = plt_model_lookup_agent (model, "a-13");
  select_agent (&live, stranger);
  before = plt_acd_dup_agent (live.router->acd, "a-13");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (live.list), "agent.pause", "s", "break"));
  wait = (ToastWait) { &live, "The router refused: you do not supervise Équipe Sud" };
  wait_until (toast_says, &wait, "the refusal in words");

  after = plt_acd_dup_agent (live.router->acd, "a-13");
  g_assert_cmpint (after->status, ==, before->status);
  g_assert_cmpint (after->ver, ==, before->ver);
  row = last_audit (live.router, "a-13");
  g_assert_cmpstr (row, ==, "FORBIDDEN lea cmd.agent.status");

  live_tear_down (&live);
}

static gboolean
has_dialog (gpointer data)
{
  return _plt_agent_actions_get_dialog (data) != NULL;
}

static void
test_action_logout_confirms_on_a_call (void)
{
  Live live;
  PltAgent *agent;
  AdwMessageDialog *dialog;
  PltAgentActions *actions;
  g_autofree char *heading = NULL;
  g_autofree char *expected = NULL;
  ToastWait wait;

  live_set_up (&live);
  plt_router_set_paused (live.router, TRUE);
  actions = _plt_agent_list_get_actions (live.list);
  agent = ensure_agent (&live, TRUE);
  g_assert_nonnull (agent);
  select_agent (&live, agent);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (live.list), "agent.logout", NULL));
  wait_until (has_dialog, actions, "the confirmation");
  dialog = _plt_agent_actions_get_dialog (actions);
  heading = g_strdup_printf ("Log out %s?", plt_agent_get_name (agent));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "will continue until it ends"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");

  /* Confirmed: paused now, logged out once the contact ends. */
  adw_message_dialog_response (dialog, "logout");
  expected = g_strdup_printf ("%s will be logged out when the contact ends", plt_agent_get_name (agent));
  wait = (ToastWait) { &live, expected };
  wait_until (toast_says, &wait, "the pending log-out");
  g_assert_cmpuint (_plt_agent_actions_get_n_pending (actions), ==, 1);

  live_tear_down (&live);
}

static gboolean
some_figures (gpointer data)
{
  Live *live = data;
  GListModel *agents = G_LIST_MODEL (plt_model_get_agents (plt_client_get_model (live->client)));

  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(PltAgent) agent = g_list_model_get_item (agents, i);

      if (plt_agent_get_handled (agent) >= 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_action_message (void)
{
  Live live;
  PltAgent *agent;
  PltAgentActions *actions;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autofree char *read = NULL;
  g_autofree char *audit = NULL;
  ToastWait wait;

  live_set_up (&live);
  actions = _plt_agent_list_get_actions (live.list);
  agent = ensure_agent (&live, FALSE);
  g_assert_nonnull (agent);
  select_agent (&live, agent);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (live.list), "agent.message", NULL));
  wait_until (has_dialog, actions, "the message dialog");
  dialog = _plt_agent_actions_get_dialog (actions);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "send"));
  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Pause à 15 h, merci !");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "send"));
  adw_message_dialog_response (dialog, "send");

  /* Sent, then read: the simulated agents read at once. */
  read = g_strdup_printf ("%s read your message", plt_agent_get_name (agent));
  wait = (ToastWait) { &live, read };
  wait_until (toast_says, &wait, "the acknowledgement");
  audit = last_audit (live.router, plt_agent_get_id (agent));
  g_assert_cmpstr (audit, ==, "ok lea cmd.message");

  /* The figures of today come (every 5 s for agents): the board with them. */
  wait_until (some_figures, &live, "the agents' figures");
  render_to_png (GTK_WIDGET (live.list), "ui-agents-live.png");

  live_tear_down (&live);
}

static gboolean
page_loaded (gpointer data)
{
  return !_plt_operator_page_is_loading (data);
}

typedef struct
{
  const char       *agent;
  gint64            at;
  PltAgentInterval *found;
} IntervalAt;

static gboolean
interval_at_cb (const PltAgentInterval *interval,
                gpointer                user_data)
{
  IntervalAt *want = user_data;

  if (g_strcmp0 (interval->agent, want->agent) == 0 && plt_history_covers (interval, want->at))
    {
      g_clear_pointer (&want->found, plt_agent_interval_free);
      want->found = plt_agent_interval_copy (interval);
    }
  return TRUE;
}

static void
test_operator_page (void)
{
  Live live;
  PltAgent *agent;
  PltOperatorPage *page;
  PltFlightRecorder *recorder;
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  IntervalAt want = { 0 };
  gint64 from, at;
  const char *reason = NULL;
  PltAgentState state;

  live_set_up (&live);
  plt_router_set_paused (live.router, TRUE);
  agent = ensure_agent (&live, TRUE);
  g_assert_nonnull (agent);
  select_agent (&live, agent);

  /* Enter on the row: the operator page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (live.list), "agent.open", NULL));
  page = _plt_agent_list_get_operator_page (live.list);
  g_assert_true (plt_operator_page_get_agent (page) == agent);
  wait_until (page_loaded, page, "the figures and the day");

  /* The figures: the operator's, the team's average and the targets. */
  {
    g_autofree char *label = _plt_operator_page_dup_cell (page, 0, 0);
    g_autofree char *handled = _plt_operator_page_dup_cell (page, 0, 1);
    g_autofree char *team = _plt_operator_page_dup_cell (page, 0, 2);
    g_autofree char *target = _plt_operator_page_dup_cell (page, 0, 3);

    g_autofree char *aht = _plt_operator_page_dup_cell (page, 1, 1);
    g_autofree char *logged_in = _plt_operator_page_dup_cell (page, _plt_operator_page_get_n_rows (page) - 1, 1);

    g_assert_cmpstr (label, ==, "Contacts handled");
    g_assert_true (g_ascii_isdigit (handled[0]));
    g_assert_true (g_ascii_isdigit (team[0]));
    g_assert_cmpstr (target, ==, "—");   /* no settings in this test */
    /* Durations read as m:ss; handle time once a contact was handled. */
    g_assert_nonnull (strchr (logged_in, ':'));
    if (g_strcmp0 (handled, "0") != 0)
      g_assert_nonnull (strchr (aht, ':'));
  }

  /* The CSV parses back to the same table. */
  csv = _plt_operator_page_dup_csv (page);
  records = plt_csv_parse (csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, _plt_operator_page_get_n_rows (page) + 1);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (records, 0))[1], ==, plt_agent_get_name (agent));
  for (guint r = 0; r < _plt_operator_page_get_n_rows (page); r++)
    for (guint c = 0; c < 4; c++)
      {
        g_autofree char *cell = _plt_operator_page_dup_cell (page, r, c);

        g_assert_cmpstr (((GStrv) g_ptr_array_index (records, r + 1))[c], ==, cell);
      }

  /* The recorder: scrub back a few minutes; the state there is the
   * router's record of that moment. */
  recorder = PLT_FLIGHT_RECORDER (_plt_operator_page_get_recorder (page));
  from = plt_flight_recorder_get_from (recorder);
  at = plt_flight_recorder_get_to (recorder) - 3 * 60 * 1000;
  g_assert_cmpint (at, >, from);
  plt_flight_recorder_set_position (recorder, at);
  want.agent = plt_agent_get_id (agent);
  want.at = at;
  plt_acd_foreach_agent_interval (live.router->acd, interval_at_cb, &want);
  g_assert_nonnull (want.found);
  state = plt_flight_recorder_get_state_at (recorder, want.agent, at, &reason, NULL);
  g_assert_cmpint (state, ==, plt_history_interval_state (want.found));
  g_assert_cmpstr (reason, ==, want.found->reason);
  g_assert_nonnull (strstr (_plt_operator_page_get_moment_text (page), plt_agent_get_name (agent)));
  g_clear_pointer (&want.found, plt_agent_interval_free);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (live.window));
  render_to_png (GTK_WIDGET (recorder), "ui-flight-recorder.png");
  render_to_png (GTK_WIDGET (live.list), "ui-operator-page.png");

  /* Escape: back to the board. */
  g_signal_emit_by_name (page, "back");

  live_tear_down (&live);
}

static void
test_accessible_rows (void)
{
  Board board;

  board_set_up (&board, 5);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (_plt_agent_list_get_column_view (board.list)),
                                   GTK_ACCESSIBLE_ROLE_TREE_GRID);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (_plt_agent_list_get_column_view (board.list)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Agents");
  board_tear_down (&board);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Pictures of pages at rest, not halfway through a slide. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* The console's style, as AdwApplication loads it in the program;
   * PLT_TEST_DARK=1 for the pictures in the dark style. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
    gboolean dark = g_strcmp0 (g_getenv ("PLT_TEST_DARK"), "1") == 0;

    gtk_css_provider_load_from_resource (css, "/io/github/plateau/Plateau/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    if (dark)
      {
        g_autoptr(GtkCssProvider) dark_css = gtk_css_provider_new ();

        adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
        gtk_css_provider_load_from_resource (dark_css, "/io/github/plateau/Plateau/style-dark.css");
        gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (dark_css),
                                                    GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
      }
  }

  g_test_add_func ("/Plateau/AgentBoard/sort-follows-state", test_sort_follows_state);
  g_test_add_func ("/Plateau/AgentBoard/filter-by-state-follows", test_filter_by_state_follows);
  g_test_add_func ("/Plateau/AgentBoard/group-by-team", test_group_by_team);
  g_test_add_func ("/Plateau/AgentBoard/rows-move-alone", test_rows_move_alone);
  g_test_add_func ("/Plateau/AgentBoard/selection-and-scroll-survive", test_selection_and_scroll_survive);
  g_test_add_func ("/Plateau/AgentBoard/tiles", test_tiles_for_a_large_floor);
  g_test_add_func ("/Plateau/AgentBoard/stress-badge", test_stress_badge);
  g_test_add_func ("/Plateau/AgentBoard/accessible", test_accessible_rows);
  g_test_add_func ("/Plateau/Actions/pause-own-team", test_action_pause_own_team);
  g_test_add_func ("/Plateau/Actions/refused-other-team", test_action_refused_other_team);
  g_test_add_func ("/Plateau/Actions/logout-confirms-on-a-call", test_action_logout_confirms_on_a_call);
  g_test_add_func ("/Plateau/Actions/message", test_action_message);
  g_test_add_func ("/Plateau/OperatorPage/figures-csv-recorder", test_operator_page);

  return g_test_run ();
}
