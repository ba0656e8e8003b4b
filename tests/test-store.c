/* test-store.c — the batched keyed GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "plt-store.h"
#include "plt-team.h"

/* Mirrors a GListModel from its ::items-changed emissions alone, and keeps
 * them for the test to look at. If the store emitted anything inconsistent
 * with its view at the time, the mirror would drift from it. */
typedef struct
{
  guint position;
  guint removed;
  guint added;
} Emission;

typedef struct
{
  GListModel *model;
  GPtrArray  *mirror;     /* GObject*, owned */
  GArray     *emissions;  /* Emission */
} Recorder;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *rec)
{
  Emission e = { position, removed, added };

  g_assert_cmpuint (position + removed, <=, rec->mirror->len);
  g_ptr_array_remove_range (rec->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (rec->mirror, position + i, g_list_model_get_item (model, position + i));

  /* At every emission the model already is in its new state. */
  g_assert_cmpuint (rec->mirror->len, ==, g_list_model_get_n_items (model));
  g_array_append_val (rec->emissions, e);
}

static Recorder *
recorder_new (GListModel *model)
{
  Recorder *rec = g_new0 (Recorder, 1);

  rec->model = model;
  rec->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  rec->emissions = g_array_new (FALSE, FALSE, sizeof (Emission));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (rec->mirror, g_list_model_get_item (model, i));
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), rec);

  return rec;
}

static void
recorder_free (Recorder *rec)
{
  g_signal_handlers_disconnect_by_func (rec->model, items_changed_cb, rec);
  g_ptr_array_unref (rec->mirror);
  g_array_unref (rec->emissions);
  g_free (rec);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Recorder, recorder_free)

static void
recorder_reset (Recorder *rec)
{
  g_array_set_size (rec->emissions, 0);
}

static const Emission *
emission (Recorder *rec,
          guint     i)
{
  g_assert_cmpuint (i, <, rec->emissions->len);
  return &g_array_index (rec->emissions, Emission, i);
}

static void
assert_emission (Recorder *rec,
                 guint     i,
                 guint     position,
                 guint     removed,
                 guint     added)
{
  const Emission *e = emission (rec, i);

  g_assert_cmpuint (e->position, ==, position);
  g_assert_cmpuint (e->removed, ==, removed);
  g_assert_cmpuint (e->added, ==, added);
}

/* The mirror equals the view, object for object. */
static void
assert_mirror (Recorder *rec)
{
  g_assert_cmpuint (rec->mirror->len, ==, g_list_model_get_n_items (rec->model));
  for (guint i = 0; i < rec->mirror->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rec->model, i);

      g_assert_true (item == g_ptr_array_index (rec->mirror, i));
    }
}

static char *
id_of (guint i)
{
  return g_strdup_printf ("t-%05u", i);
}

static PltStore *
store_with (guint n)
{
  PltStore *store = plt_store_new (PLT_TYPE_TEAM);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = id_of (i);
      g_autoptr(PltTeam) team = plt_team_new (id);

      plt_store_add (store, id, team);
    }
  g_assert_cmpuint (plt_store_flush (store), ==, n > 0 ? 1 : 0);

  return store;
}

static void
mark (PltStore *store,
      guint     i)
{
  g_autofree char *id = id_of (i);

  plt_store_mark_changed (store, id);
}

/* The show func sees each item the flush announces, before the emission
 * that covers it: a consumer handling the emission finds them all shown. */
typedef struct
{
  GHashTable *shown;
  guint       n_calls;
  gboolean    ordered;
} Shown;

static void
show_cb (gpointer item,
         gpointer user_data)
{
  Shown *seen = user_data;

  seen->n_calls++;
  g_hash_table_add (seen->shown, item);
}

static void
shown_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Shown      *seen)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      seen->ordered &= g_hash_table_contains (seen->shown, item);
    }
}

static void
test_show_func (void)
{
  g_autoptr(PltStore) store = store_with (20);
  g_autoptr(GHashTable) set = g_hash_table_new (NULL, NULL);
  g_autoptr(PltTeam) extra = plt_team_new ("extra");
  Shown seen = { set, 0, TRUE };

  plt_store_set_show_func (store, show_cb, &seen);
  g_signal_connect (store, "items-changed", G_CALLBACK (shown_changed_cb), &seen);

  mark (store, 2);
  mark (store, 3);
  mark (store, 9);
  plt_store_add (store, "extra", extra);
  g_assert_cmpuint (plt_store_flush (store), ==, 3);
  g_assert_cmpuint (seen.n_calls, ==, 4);
  g_assert_true (seen.ordered);

  /* Nothing pending, nothing shown. */
  g_assert_cmpuint (plt_store_flush (store), ==, 0);
  g_assert_cmpuint (seen.n_calls, ==, 4);
  g_signal_handlers_disconnect_by_data (store, &seen);
}

static void
remove_at (PltStore *store,
           guint     i)
{
  g_autofree char *id = id_of (i);

  g_assert_true (plt_store_remove (store, id));
}

static const char *
id_at (PltStore *store,
       guint     position)
{
  g_autoptr(PltTeam) team = g_list_model_get_item (G_LIST_MODEL (store), position);

  /* The store holds a reference, so the string outlives @team here. */
  return plt_team_get_id (team);
}

/* ------------------------------------------------------------------------ */

static void
test_additions_batched (void)
{
  g_autoptr(PltStore) store = plt_store_new (PLT_TYPE_TEAM);
  g_autoptr(Recorder) rec = recorder_new (G_LIST_MODEL (store));
  g_autoptr(PltTeam) a = plt_team_new ("a");
  g_autoptr(PltTeam) b = plt_team_new ("b");
  g_autoptr(PltTeam) c = plt_team_new ("c");
  g_autoptr(PltTeam) d = plt_team_new ("d");

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == PLT_TYPE_TEAM);

  plt_store_add (store, "a", a);
  plt_store_add (store, "b", b);
  plt_store_add (store, "c", c);

  /* Lookup sees the pending state; the view does not, yet. */
  g_assert_true (plt_store_lookup (store, "b") == b);
  g_assert_null (plt_store_lookup (store, "zz"));
  g_assert_cmpuint (plt_store_get_size (store), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (store), 0));
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 3);
  g_assert_cmpuint (rec->emissions->len, ==, 0);

  g_assert_cmpuint (plt_store_flush (store), ==, 1);
  g_assert_cmpuint (rec->emissions->len, ==, 1);
  assert_emission (rec, 0, 0, 0, 3);
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 0);
  g_assert_cmpstr (id_at (store, 0), ==, "a");
  g_assert_cmpstr (id_at (store, 2), ==, "c");
  assert_mirror (rec);

  /* Nothing pending: nothing emitted. */
  g_assert_cmpuint (plt_store_flush (store), ==, 0);
  g_assert_cmpuint (rec->emissions->len, ==, 1);

  /* Later additions are appended, in one emission. */
  recorder_reset (rec);
  plt_store_add (store, "d", d);
  plt_store_add (store, "a", a);   /* already there, same object: no change */
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 1);
  g_assert_cmpuint (plt_store_flush (store), ==, 1);
  assert_emission (rec, 0, 3, 0, 1);
  assert_mirror (rec);
}

static void
test_changes_coalesced (void)
{
  g_autoptr(PltStore) store = store_with (5000);
  g_autoptr(Recorder) rec = recorder_new (G_LIST_MODEL (store));

  /* 1000 changes in 8 runs of 125, one run touching the end. */
  for (guint r = 0; r < 8; r++)
    {
      guint first = r == 7 ? 4875 : r * 600 + 10;

      for (guint i = 0; i < 125; i++)
        mark (store, first + i);
    }
  /* Marking twice counts once. */
  mark (store, 10);
  mark (store, 4999);
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 1000);
  g_assert_cmpuint (rec->emissions->len, ==, 0);

  g_assert_cmpuint (plt_store_flush (store), ==, 8);
  g_assert_cmpuint (rec->emissions->len, ==, 8);
  for (guint r = 0; r < 7; r++)
    assert_emission (rec, r, r * 600 + 10, 125, 125);
  assert_emission (rec, 7, 4875, 125, 125);
  assert_mirror (rec);

  /* Scattered changes: one range each, in order. */
  recorder_reset (rec);
  mark (store, 4000);
  mark (store, 3);
  mark (store, 4);
  mark (store, 6);
  g_assert_cmpuint (plt_store_flush (store), ==, 3);
  assert_emission (rec, 0, 3, 2, 2);
  assert_emission (rec, 1, 6, 1, 1);
  assert_emission (rec, 2, 4000, 1, 1);
}

static void
test_full_range_threshold (void)
{
  g_autoptr(PltStore) store = store_with (5000);
  g_autoptr(Recorder) rec = recorder_new (G_LIST_MODEL (store));

  /* Exactly a quarter, every other item: ranges, not one full range. */
  for (guint i = 0; i < 1250; i++)
    mark (store, i * 2);
  g_assert_cmpuint (plt_store_flush (store), ==, 1250);
  assert_emission (rec, 0, 0, 1, 1);
  assert_emission (rec, 1249, 2498, 1, 1);

  /* One more than a quarter: exactly one full-range emission. */
  recorder_reset (rec);
  for (guint i = 0; i < 1251; i++)
    mark (store, i * 3);
  g_assert_cmpuint (plt_store_flush (store), ==, 1);
  g_assert_cmpuint (rec->emissions->len, ==, 1);
  assert_emission (rec, 0, 0, 5000, 5000);
  assert_mirror (rec);
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 0);
}

static void
test_removals_in_ranges (void)
{
  g_autoptr(PltStore) store = store_with (200);
  g_autoptr(Recorder) rec = recorder_new (G_LIST_MODEL (store));

  for (guint i = 10; i < 20; i++)
    remove_at (store, i);
  for (guint i = 50; i < 60; i++)
    remove_at (store, i);
  remove_at (store, 100);
  remove_at (store, 199);
  g_assert_false (plt_store_remove (store, "t-00100"));   /* already removed */
  g_assert_false (plt_store_remove (store, "nobody"));

  /* Gone for lookups, still in the view. */
  g_assert_null (plt_store_lookup (store, "t-00015"));
  g_assert_cmpuint (plt_store_get_size (store), ==, 178);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 200);
  g_assert_cmpstr (id_at (store, 15), ==, "t-00015");

  /* Back to front, one emission per run. */
  g_assert_cmpuint (plt_store_flush (store), ==, 4);
  assert_emission (rec, 0, 199, 1, 0);
  assert_emission (rec, 1, 100, 1, 0);
  assert_emission (rec, 2, 50, 10, 0);
  assert_emission (rec, 3, 10, 10, 0);
  assert_mirror (rec);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 178);
  g_assert_cmpstr (id_at (store, 10), ==, "t-00020");
  g_assert_cmpstr (id_at (store, 177), ==, "t-00198");
}

static void
test_mixed_flush (void)
{
  g_autoptr(PltStore) store = store_with (10);
  g_autoptr(Recorder) rec = recorder_new (G_LIST_MODEL (store));
  g_autoptr(PltTeam) x = plt_team_new ("x");

  remove_at (store, 2);
  remove_at (store, 3);
  mark (store, 5);
  mark (store, 6);
  mark (store, 3);    /* removed: not a change */
  plt_store_add (store, "x", x);

  /* Removals, then changes at their new positions, then additions. */
  g_assert_cmpuint (plt_store_flush (store), ==, 3);
  assert_emission (rec, 0, 2, 2, 0);
  assert_emission (rec, 1, 3, 2, 2);
  assert_emission (rec, 2, 8, 0, 1);
  assert_mirror (rec);
  g_assert_cmpstr (id_at (store, 3), ==, "t-00005");
  g_assert_cmpstr (id_at (store, 8), ==, "x");
}

static void
test_view_frozen_until_flush (void)
{
  g_autoptr(PltStore) store = store_with (10);
  g_autoptr(Recorder) rec = recorder_new (G_LIST_MODEL (store));
  g_autoptr(PltTeam) old = g_list_model_get_item (G_LIST_MODEL (store), 1);
  g_autoptr(PltTeam) replacement = plt_team_new ("t-00001");
  g_autoptr(PltTeam) shown = NULL;

  /* Replacing the object of an id: the view keeps the old one. */
  plt_store_add (store, "t-00001", replacement);
  g_assert_true (plt_store_lookup (store, "t-00001") == replacement);
  shown = g_list_model_get_item (G_LIST_MODEL (store), 1);
  g_assert_true (shown == old);
  g_clear_object (&shown);

  g_assert_cmpuint (plt_store_flush (store), ==, 1);
  assert_emission (rec, 0, 1, 1, 1);
  shown = g_list_model_get_item (G_LIST_MODEL (store), 1);
  g_assert_true (shown == replacement);
  assert_mirror (rec);
}

static void
test_remove_then_add (void)
{
  g_autoptr(PltStore) store = store_with (10);
  g_autoptr(Recorder) rec = recorder_new (G_LIST_MODEL (store));
  g_autoptr(PltTeam) same = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_autoptr(PltTeam) other = plt_team_new ("t-00002");
  g_autoptr(PltTeam) fresh = plt_team_new ("new");

  /* Removed then added back, same object: nothing to announce. */
  remove_at (store, 0);
  plt_store_add (store, "t-00000", same);
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 0);

  /* Removed then added back with a new object: a change in place. */
  remove_at (store, 2);
  plt_store_add (store, "t-00002", other);
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 1);

  /* Added then removed before a flush: never shown. */
  plt_store_add (store, "new", fresh);
  g_assert_true (plt_store_remove (store, "new"));
  g_assert_null (plt_store_lookup (store, "new"));

  g_assert_cmpuint (plt_store_flush (store), ==, 1);
  assert_emission (rec, 0, 2, 1, 1);
  assert_mirror (rec);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 10);

  /* With a small store, one change out of three is more than a quarter. */
  {
    g_autoptr(PltStore) small = store_with (3);
    g_autoptr(Recorder) small_rec = recorder_new (G_LIST_MODEL (small));

    mark (small, 1);
    g_assert_cmpuint (plt_store_flush (small), ==, 1);
    assert_emission (small_rec, 0, 0, 3, 3);
  }
}

static void
count_cb (gpointer key,
          gpointer value,
          gpointer user_data)
{
  GPtrArray *seen = user_data;

  g_assert_cmpstr (key, ==, plt_team_get_id (value));
  g_ptr_array_add (seen, g_strdup (key));
}

static void
test_foreach_pending (void)
{
  g_autoptr(PltStore) store = store_with (3);
  g_autoptr(PltTeam) extra = plt_team_new ("extra");
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  remove_at (store, 1);
  plt_store_add (store, "extra", extra);
  plt_store_foreach (store, count_cb, seen);

  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "t-00000");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "t-00002");
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "extra");
}

static void
pending_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   guint      *count)
{
  (*count)++;
}

static void
test_n_pending_property (void)
{
  g_autoptr(PltStore) store = store_with (4);
  guint notified = 0;
  guint value = 0;

  g_signal_connect (store, "notify::n-pending", G_CALLBACK (pending_notify_cb), &notified);

  mark (store, 0);
  mark (store, 0);   /* no change, no notification */
  remove_at (store, 3);
  g_object_get (store, "n-pending", &value, NULL);
  g_assert_cmpuint (value, ==, 2);
  g_assert_cmpuint (notified, ==, 2);

  plt_store_flush (store);
  g_object_get (store, "n-pending", &value, NULL);
  g_assert_cmpuint (value, ==, 0);
  g_assert_cmpuint (notified, ==, 3);
}

static void
test_large_churn (void)
{
  g_autoptr(PltStore) store = store_with (5000);
  g_autoptr(Recorder) rec = recorder_new (G_LIST_MODEL (store));
  GRand *rand = g_rand_new_with_seed (42);

  /* Random removals, changes, re-additions and additions, many rounds: the
   * mirror built from the emissions must always match the view. */
  for (guint round = 0; round < 20; round++)
    {
      for (guint k = 0; k < 300; k++)
        {
          guint i = g_rand_int_range (rand, 0, 6000);
          g_autofree char *id = id_of (i);

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              plt_store_remove (store, id);
              break;
            case 1:
              plt_store_mark_changed (store, id);
              break;
            default:
              if (plt_store_lookup (store, id) == NULL)
                {
                  g_autoptr(PltTeam) team = plt_team_new (id);

                  plt_store_add (store, id, team);
                }
              break;
            }
        }
      plt_store_flush (store);
      assert_mirror (rec);
      g_assert_cmpuint (plt_store_get_size (store), ==, g_list_model_get_n_items (G_LIST_MODEL (store)));
      for (guint p = 0; p < g_list_model_get_n_items (G_LIST_MODEL (store)); p += 97)
        g_assert_nonnull (plt_store_lookup (store, id_at (store, p)));
    }

  g_rand_free (rand);
}


/* A partial flush announces some of the changes, the first after where the
 * last one stopped; additions and removals all; the rest stays pending and
 * the view as it was. */
static void
test_flush_some (void)
{
  g_autoptr(PltStore) store = store_with (100);
  g_autoptr(Recorder) rec = recorder_new (G_LIST_MODEL (store));
  g_autofree char *gone = id_of (99);
  g_autoptr(PltTeam) fresh = plt_team_new ("t-new");
  static const guint changed[] = { 5, 6, 7, 20, 50, 51, 60, 70, 80, 90 };

  for (guint i = 0; i < G_N_ELEMENTS (changed); i++)
    mark (store, changed[i]);
  plt_store_remove (store, gone);
  plt_store_add (store, "t-new", fresh);
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 12);

  /* Three changes (one run), the removal and the addition. */
  g_assert_cmpuint (plt_store_flush_some (store, 3), ==, 3);
  assert_emission (rec, 0, 99, 1, 0);
  assert_emission (rec, 1, 5, 3, 3);
  assert_emission (rec, 2, 99, 0, 1);
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 7);
  assert_mirror (rec);

  /* Then the next three, where the last flush stopped. */
  recorder_reset (rec);
  g_assert_cmpuint (plt_store_flush_some (store, 3), ==, 2);
  assert_emission (rec, 0, 20, 1, 1);
  assert_emission (rec, 1, 50, 2, 2);
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 4);

  /* A change before the cursor waits for its turn: the ones after it
   * come first, then it, so that none waits for ever. */
  mark (store, 1);
  recorder_reset (rec);
  g_assert_cmpuint (plt_store_flush_some (store, 4), ==, 4);
  assert_emission (rec, 0, 60, 1, 1);
  assert_emission (rec, 1, 70, 1, 1);
  assert_emission (rec, 2, 80, 1, 1);
  assert_emission (rec, 3, 90, 1, 1);
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 1);
  recorder_reset (rec);
  g_assert_cmpuint (plt_store_flush_some (store, 4), ==, 1);
  assert_emission (rec, 0, 1, 1, 1);
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 0);
  assert_mirror (rec);

  /* Nothing to announce, nothing emitted; zero changes asked, only the
   * additions and removals. */
  g_assert_cmpuint (plt_store_flush_some (store, 4), ==, 0);
  mark (store, 3);
  g_assert_cmpuint (plt_store_flush_some (store, 0), ==, 0);
  g_assert_cmpuint (plt_store_get_n_pending (store), ==, 1);
  g_assert_cmpuint (plt_store_flush (store), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Plateau/Store/additions-batched", test_additions_batched);
  g_test_add_func ("/Plateau/Store/changes-coalesced", test_changes_coalesced);
  g_test_add_func ("/Plateau/Store/full-range-threshold", test_full_range_threshold);
  g_test_add_func ("/Plateau/Store/flush-some", test_flush_some);
  g_test_add_func ("/Plateau/Store/removals-in-ranges", test_removals_in_ranges);
  g_test_add_func ("/Plateau/Store/mixed-flush", test_mixed_flush);
  g_test_add_func ("/Plateau/Store/view-frozen-until-flush", test_view_frozen_until_flush);
  g_test_add_func ("/Plateau/Store/remove-then-add", test_remove_then_add);
  g_test_add_func ("/Plateau/Store/foreach-pending", test_foreach_pending);
  g_test_add_func ("/Plateau/Store/n-pending-property", test_n_pending_property);
  g_test_add_func ("/Plateau/Store/large-churn", test_large_churn);
  g_test_add_func ("/Plateau/Store/show-func", test_show_func);

  return g_test_run ();
}
