/* test-board-model.c — the agent board's rows under random changes: what
 * the model announces is what it holds, filtered, sorted and grouped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "plt-agent.h"
#include "plt-board-model.h"
#include "plt-model.h"
#include "plt-store.h"
#include "plt-ui-format.h"

#define N_AGENTS 300
#define N_TEAMS 7

static gint64 version = 1;

static const struct
{
  PltAgentStatus   status;
  PltAgentActivity activity;
} states[] = {
  { PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_IDLE },
  { PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_RINGING },
  { PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_ON_CALL },
  { PLT_AGENT_STATUS_AVAILABLE, PLT_AGENT_ACTIVITY_WRAP_UP },
  { PLT_AGENT_STATUS_PAUSED, PLT_AGENT_ACTIVITY_IDLE },
  { PLT_AGENT_STATUS_LOGGED_OUT, PLT_AGENT_ACTIVITY_IDLE },
};

typedef struct
{
  PltModel      *model;
  PltBoardModel *rows;
  GtkFilter     *filter;
  GtkSorter     *sorter;
  GPtrArray     *replayed;   /* what the emissions said, replayed */
  GRand         *rand;
  guint          hidden_state;  /* the filter hides this state's agents */
  gboolean       descending;
  guint64        n_emissions;
} Fixture;

static void
put_team (PltModel *model,
          guint     index)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_TEAM_UPDATE);

  message->u.team = plt_team_data_new ();
  message->u.team->id = g_strdup_printf ("t-%u", index);
  /* Two teams share a name: told apart by their id. */
  message->u.team->name = g_strdup_printf ("Team %u", index % (N_TEAMS - 1));
  message->u.team->ver = version++;
  plt_model_apply_delta (model, message);
}

static void
put_agent (Fixture *fixture,
           guint    index)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_AGENT_UPDATE);
  PltAgentData *data = plt_agent_data_new ();
  guint state = g_rand_int_range (fixture->rand, 0, G_N_ELEMENTS (states));

  data->id = g_strdup_printf ("a-%03u", index);
  data->ver = version++;
  /* Names repeat: the order falls back on the id. */
  data->name = g_strdup_printf ("Agent %u", index % 50);
  data->team = g_strdup_printf ("t-%u", g_rand_int_range (fixture->rand, 0, N_TEAMS));
  data->status = states[state].status;
  data->activity = states[state].activity;
  data->since = 1795770000000 + g_rand_int_range (fixture->rand, 0, 3600) * 1000;
  message->u.agent = data;
  plt_model_apply_delta (fixture->model, message);
}

static void
remove_agent (Fixture *fixture,
              guint    index)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_AGENT_REMOVE);

  message->u.remove.id = g_strdup_printf ("a-%03u", index);
  message->u.remove.ver = version++;
  plt_model_apply_delta (fixture->model, message);
}

/* The sorter reads what the store last announced, as the board's do. */
static int
compare_agents (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  Fixture *fixture = user_data;
  const PltAgentSortKeys *ka = plt_agent_get_sort_keys ((PltAgent *) a);
  const PltAgentSortKeys *kb = plt_agent_get_sort_keys ((PltAgent *) b);
  int order = plt_agent_state_get_rank (ka->state) - plt_agent_state_get_rank (kb->state);

  if (order == 0)
    order = (ka->since > kb->since) - (ka->since < kb->since);
  if (fixture->descending)
    order = -order;
  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static gboolean
filter_agent (gpointer item,
              gpointer user_data)
{
  Fixture *fixture = user_data;

  return plt_agent_get_state (item) != plt_agent_state_derive (states[fixture->hidden_state].status,
                                                               states[fixture->hidden_state].activity);
}

static void
replay_cb (GListModel *rows,
           guint       position,
           guint       removed,
           guint       added,
           Fixture    *fixture)
{
  fixture->n_emissions++;
  g_assert_cmpuint (position + removed, <=, fixture->replayed->len);
  g_ptr_array_remove_range (fixture->replayed, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (fixture->replayed, position + i, g_list_model_get_item (rows, position + i));
  g_assert_cmpuint (fixture->replayed->len, ==, g_list_model_get_n_items (rows));
}

static int
compare_team_keys (PltBoardGroup *a,
                   PltBoardGroup *b)
{
  g_autofree char *fa = g_utf8_casefold (plt_board_group_get_title (a), -1);
  g_autofree char *fb = g_utf8_casefold (plt_board_group_get_title (b), -1);
  int order = g_utf8_collate (fa, fb);

  return order != 0 ? order : strcmp (plt_board_group_get_team_id (a), plt_board_group_get_team_id (b));
}

/* The rows as they must be, checked against what was announced; once
 * the store announced everything (@complete), every agent the filter lets
 * through is there. */
static void
check_rows_full (Fixture  *fixture,
                 gboolean  complete)
{
  GListModel *rows = G_LIST_MODEL (fixture->rows);
  PltStore *agents = plt_model_get_agents (fixture->model);
  guint n = g_list_model_get_n_items (rows);
  guint n_expected = 0;
  guint n_agents = 0;
  PltBoardGroup *group = NULL;
  guint in_group = 0;
  g_autoptr(GHashTable) seen_groups = g_hash_table_new (NULL, NULL);
  gpointer previous = NULL;

  g_assert_cmpuint (fixture->replayed->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      g_assert_true (item == g_ptr_array_index (fixture->replayed, i));
      g_assert_cmpuint (plt_board_model_find (fixture->rows, item), ==, i);

      if (PLT_IS_BOARD_GROUP (item))
        {
          g_assert_true (plt_board_model_get_grouped (fixture->rows));
          if (group != NULL)
            {
              g_assert_cmpuint (plt_board_group_get_n_agents (group), ==, in_group);
              g_assert_cmpint (compare_team_keys (group, PLT_BOARD_GROUP (item)), <, 0);
            }
          /* Once per team, and never empty. */
          g_assert_false (g_hash_table_contains (seen_groups, item));
          g_hash_table_add (seen_groups, item);
          group = PLT_BOARD_GROUP (item);
          in_group = 0;
          previous = NULL;
          continue;
        }

      g_assert_true (PLT_IS_AGENT (item));
      if (complete)
        g_assert_true (filter_agent (item, fixture));
      n_agents++;
      if (group != NULL)
        {
          /* (An agent not announced yet may have changed teams.) */
          if (complete)
            g_assert_cmpstr (plt_board_group_get_team_id (group), ==, plt_agent_get_team_id (PLT_AGENT (item)));
          in_group++;
        }
      else
        g_assert_false (plt_board_model_get_grouped (fixture->rows));
      if (previous != NULL)
        {
          int order = compare_agents (previous, item, fixture);

          g_assert_cmpint (order, <=, 0);
          if (order == 0)
            g_assert_cmpstr (plt_agent_get_id (previous), <, plt_agent_get_id (PLT_AGENT (item)));
        }
      previous = item;
    }
  if (group != NULL)
    g_assert_cmpuint (plt_board_group_get_n_agents (group), ==, in_group);
  if (!complete)
    return;

  /* Every agent the filter lets through is there. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (agents)); i++)
    {
      g_autoptr(PltAgent) agent = g_list_model_get_item (G_LIST_MODEL (agents), i);

      if (filter_agent (agent, fixture))
        {
          n_expected++;
          g_assert_cmpuint (plt_board_model_find (fixture->rows, agent), <, n);
        }
      else
        g_assert_cmpuint (plt_board_model_find (fixture->rows, agent), ==, GTK_INVALID_LIST_POSITION);
    }
  g_assert_cmpuint (n_agents, ==, n_expected);
  g_assert_cmpuint (plt_board_model_get_n_agents (fixture->rows), ==, n_expected);
}

static void
check_rows (Fixture *fixture)
{
  check_rows_full (fixture, TRUE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->rand = g_rand_new_with_seed (GPOINTER_TO_UINT (data));
  fixture->model = plt_model_new ();
  for (guint t = 0; t < N_TEAMS; t++)
    put_team (fixture->model, t);
  for (guint i = 0; i < N_AGENTS; i++)
    put_agent (fixture, i);
  plt_model_flush (fixture->model);

  fixture->hidden_state = G_N_ELEMENTS (states) - 1;
  fixture->filter = GTK_FILTER (gtk_custom_filter_new (filter_agent, fixture, NULL));
  fixture->sorter = GTK_SORTER (gtk_custom_sorter_new (compare_agents, fixture, NULL));
  fixture->rows = g_object_new (PLT_TYPE_BOARD_MODEL, "filter", fixture->filter, "sorter", fixture->sorter, NULL);
  plt_board_model_set_model (fixture->rows, G_LIST_MODEL (plt_model_get_agents (fixture->model)));

  fixture->replayed = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)); i++)
    g_ptr_array_add (fixture->replayed, g_list_model_get_item (G_LIST_MODEL (fixture->rows), i));
  g_signal_connect (fixture->rows, "items-changed", G_CALLBACK (replay_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->rows);
  g_clear_object (&fixture->filter);
  g_clear_object (&fixture->sorter);
  g_clear_object (&fixture->model);
  g_clear_pointer (&fixture->replayed, g_ptr_array_unref);
  g_clear_pointer (&fixture->rand, g_rand_free);
}

/* A few agents at a time, as on a live floor: each moves alone. */
static void
test_live_changes (Fixture       *fixture,
                   gconstpointer  data)
{
  check_rows (fixture);

  for (guint round = 0; round < 200; round++)
    {
      guint n_changes = g_rand_int_range (fixture->rand, 1, 12);
      guint64 moves = plt_board_model_get_n_moves (fixture->rows);
      guint64 rebuilds = plt_board_model_get_n_rebuilds (fixture->rows);

      for (guint i = 0; i < n_changes; i++)
        {
          guint index = g_rand_int_range (fixture->rand, 0, N_AGENTS + 20);

          /* Now and then an agent goes, or comes (ids past N_AGENTS). */
          if (g_rand_int_range (fixture->rand, 0, 20) == 0)
            remove_agent (fixture, index);
          else
            put_agent (fixture, index);
        }
      if (round % 50 == 25)
        plt_board_model_set_grouped (fixture->rows, !plt_board_model_get_grouped (fixture->rows));
      if (round % 40 == 10)
        {
          fixture->hidden_state = g_rand_int_range (fixture->rand, 0, G_N_ELEMENTS (states));
          gtk_filter_changed (fixture->filter, GTK_FILTER_CHANGE_DIFFERENT);
        }
      if (round % 70 == 60)
        {
          fixture->descending = !fixture->descending;
          gtk_sorter_changed (fixture->sorter, GTK_SORTER_CHANGE_INVERTED);
        }

      /* Announced all at once, or a few at a time as the board does over
       * several frames: the rows are right after each. */
      if (round % 2 == 0)
        plt_model_flush (fixture->model);
      else
        while (plt_store_get_n_pending (plt_model_get_agents (fixture->model)) > 0)
          {
            plt_model_flush_some (fixture->model, g_rand_int_range (fixture->rand, 1, 4));
            check_rows_full (fixture, FALSE);
          }
      check_rows (fixture);

      /* Live changes alone are single moves: at most two emissions (three
       * rows with a header) per agent, never a rebuild. */
      if (round % 50 != 25 && round % 40 != 10 && round % 70 != 60)
        {
          g_assert_cmpuint (plt_board_model_get_n_rebuilds (fixture->rows), ==, rebuilds);
          g_assert_cmpuint (plt_board_model_get_n_moves (fixture->rows) - moves, <=, 2 * n_changes);
        }
    }
}

/* Many at once (a snapshot, a resume): one rebuild, the rows right. */
static void
test_bulk_changes (Fixture       *fixture,
                   gconstpointer  data)
{
  guint64 rebuilds = plt_board_model_get_n_rebuilds (fixture->rows);

  plt_board_model_set_grouped (fixture->rows, TRUE);
  for (guint i = 0; i < N_AGENTS; i++)
    put_agent (fixture, i);
  plt_model_flush (fixture->model);
  check_rows (fixture);
  g_assert_cmpuint (plt_board_model_get_n_rebuilds (fixture->rows), >, rebuilds);
}

/* A team renamed moves with its agents. */
static void
test_team_renamed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PltMessage) message = plt_message_new (PLT_MESSAGE_TEAM_UPDATE);
  PltStore *agents = plt_model_get_agents (fixture->model);

  plt_board_model_set_grouped (fixture->rows, TRUE);
  check_rows (fixture);

  message->u.team = plt_team_data_new ();
  message->u.team->id = g_strdup ("t-0");
  message->u.team->name = g_strdup ("Zulu");
  message->u.team->ver = version++;
  plt_model_apply_delta (fixture->model, message);
  plt_model_flush (fixture->model);
  check_rows (fixture);

  /* Its header is the last one now. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (agents)); i++)
    {
      g_autoptr(PltAgent) agent = g_list_model_get_item (G_LIST_MODEL (agents), i);

      if (g_strcmp0 (plt_agent_get_team_id (agent), "t-0") == 0 && filter_agent (agent, fixture))
        g_assert_cmpuint (plt_board_model_find (fixture->rows, agent), >,
                          g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)) / 2);
    }
}


/* Paused, the rows say nothing of the changes; resumed, they catch up in
 * one rebuild. */
static void
test_paused (Fixture       *fixture,
             gconstpointer  data)
{
  guint64 emissions;
  guint64 rebuilds = plt_board_model_get_n_rebuilds (fixture->rows);

  plt_board_model_set_paused (fixture->rows, TRUE);
  emissions = fixture->n_emissions;
  for (guint round = 0; round < 20; round++)
    {
      for (guint i = 0; i < 10; i++)
        put_agent (fixture, g_rand_int_range (fixture->rand, 0, N_AGENTS + 20));
      remove_agent (fixture, g_rand_int_range (fixture->rand, 0, N_AGENTS));
      plt_model_flush (fixture->model);
    }
  plt_board_model_set_grouped (fixture->rows, TRUE);
  fixture->hidden_state = 0;
  gtk_filter_changed (fixture->filter, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (fixture->n_emissions, ==, emissions);
  g_assert_cmpuint (plt_board_model_get_n_rebuilds (fixture->rows), ==, rebuilds);

  plt_board_model_set_paused (fixture->rows, FALSE);
  g_assert_cmpuint (plt_board_model_get_n_rebuilds (fixture->rows), ==, rebuilds + 1);
  check_rows (fixture);

  /* Nothing changed while paused: nothing to do when resumed. */
  plt_board_model_set_paused (fixture->rows, TRUE);
  plt_board_model_set_paused (fixture->rows, FALSE);
  g_assert_cmpuint (plt_board_model_get_n_rebuilds (fixture->rows), ==, rebuilds + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Several seeds: each draws other changes, teams and states. */
  for (guint seed = 1; seed <= 6; seed++)
    {
      g_autofree char *path = g_strdup_printf ("/Plateau/BoardModel/live-changes/%u", seed);

      g_test_add (path, Fixture, GUINT_TO_POINTER (seed * 77),
                  fixture_set_up, test_live_changes, fixture_tear_down);
    }
  g_test_add ("/Plateau/BoardModel/bulk-changes", Fixture, GUINT_TO_POINTER (5),
              fixture_set_up, test_bulk_changes, fixture_tear_down);
  g_test_add ("/Plateau/BoardModel/paused", Fixture, GUINT_TO_POINTER (11),
              fixture_set_up, test_paused, fixture_tear_down);
  g_test_add ("/Plateau/BoardModel/team-renamed", Fixture, GUINT_TO_POINTER (9),
              fixture_set_up, test_team_renamed, fixture_tear_down);

  return g_test_run ();
}
