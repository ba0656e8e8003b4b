/* test-item-selection.c — PltItemSelection without a display: the selected
 * item is kept by identity across separate removal and insertion emissions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "plt-item-selection.h"

#define INVALID GTK_INVALID_LIST_POSITION
#define N_ITEMS 5

typedef struct
{
  GListStore       *store;
  GObject          *items[N_ITEMS];     /* a b c d e, owned */
  PltItemSelection *selection;

  guint             n_selected_item_notifies;
  guint             n_selected_notifies;
  GArray           *changes;            /* guint pairs: position, n_items */
  GArray           *items_changed;      /* guint triples */
  gboolean          in_items_changed;
} Fixture;

static void
selection_changed_cb (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      Fixture           *f)
{
  /* Never for a position that a change in progress may have taken away. */
  g_assert_false (f->in_items_changed);

  g_array_append_val (f->changes, position);
  g_array_append_val (f->changes, n_items);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_array_append_val (f->items_changed, position);
  g_array_append_val (f->items_changed, removed);
  g_array_append_val (f->items_changed, added);
}

/* Around the store's emission, which holds the selection's. */
static void
store_changing_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Fixture    *f)
{
  f->in_items_changed = TRUE;
}

static void
store_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->in_items_changed = FALSE;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = g_list_store_new (G_TYPE_OBJECT);
  for (guint i = 0; i < N_ITEMS; i++)
    {
      f->items[i] = g_object_new (G_TYPE_OBJECT, NULL);
      g_list_store_append (f->store, f->items[i]);
    }
  /* Before the selection's handler and after it */
  g_signal_connect (f->store, "items-changed", G_CALLBACK (store_changing_cb), f);

  f->selection = plt_item_selection_new (g_object_ref (G_LIST_MODEL (f->store)));
  g_signal_connect_after (f->store, "items-changed", G_CALLBACK (store_changed_cb), f);

  f->changes = g_array_new (FALSE, FALSE, sizeof (guint));
  f->items_changed = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (f->selection, "selection-changed", G_CALLBACK (selection_changed_cb), f);
  g_signal_connect (f->selection, "items-changed", G_CALLBACK (items_changed_cb), f);
  g_signal_connect (f->selection, "notify::selected-item", G_CALLBACK (count_cb),
                    &f->n_selected_item_notifies);
  g_signal_connect (f->selection, "notify::selected", G_CALLBACK (count_cb),
                    &f->n_selected_notifies);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->selection);
  g_assert_finalize_object (f->store);
  for (guint i = 0; i < N_ITEMS; i++)
    g_assert_finalize_object (f->items[i]);
  g_array_unref (f->changes);
  g_array_unref (f->items_changed);
}

static void
reset_counts (Fixture *f)
{
  f->n_selected_item_notifies = 0;
  f->n_selected_notifies = 0;
  g_array_set_size (f->changes, 0);
  g_array_set_size (f->items_changed, 0);
}

/* Only @position is selected (INVALID: none). */
static void
assert_selected_row (Fixture *f,
                     guint    position)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (f->selection);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->selection));
  g_autoptr(GtkBitset) bits = gtk_selection_model_get_selection_in_range (model, 0, n);
  guint selected = 0;

  for (guint i = 0; i < n; i++)
    g_assert_cmpint (gtk_selection_model_is_selected (model, i), ==, i == position);

  g_assert_cmpuint (plt_item_selection_get_selected (f->selection), ==, position);
  g_object_get (f->selection, "selected", &selected, NULL);
  g_assert_cmpuint (selected, ==, position);

  if (position == INVALID)
    g_assert_true (gtk_bitset_is_empty (bits));
  else
    {
      g_assert_cmpuint (gtk_bitset_get_size (bits), ==, 1);
      g_assert_true (gtk_bitset_contains (bits, position));
    }
}

static void
assert_change (Fixture *f,
               guint    index,
               guint    position)
{
  g_assert_cmpuint (f->changes->len, >, 2 * index + 1);
  g_assert_cmpuint (g_array_index (f->changes, guint, 2 * index), ==, position);
  g_assert_cmpuint (g_array_index (f->changes, guint, 2 * index + 1), ==, 1);
}

static void
test_select (Fixture       *f,
             gconstpointer  data)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (f->selection);
  g_autoptr(GtkBitset) outside = NULL;
  g_autoptr(GObject) item = NULL;

  g_assert_true (plt_item_selection_get_model (f->selection) == G_LIST_MODEL (f->store));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->selection)) == G_TYPE_OBJECT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->selection)), ==, N_ITEMS);
  item = g_list_model_get_item (G_LIST_MODEL (f->selection), 2);
  g_assert_true (item == f->items[2]);
  g_assert_null (plt_item_selection_get_selected_item (f->selection));
  assert_selected_row (f, INVALID);

  /* By position */
  plt_item_selection_set_selected (f->selection, 1);
  g_assert_true (plt_item_selection_get_selected_item (f->selection) == f->items[1]);
  assert_selected_row (f, 1);
  g_assert_cmpuint (f->n_selected_item_notifies, ==, 1);
  g_assert_cmpuint (f->n_selected_notifies, ==, 1);
  g_assert_cmpuint (f->changes->len, ==, 2);
  assert_change (f, 0, 1);

  /* By item: the old row and the new one are redrawn */
  reset_counts (f);
  plt_item_selection_set_selected_item (f->selection, f->items[3]);
  g_assert_true (plt_item_selection_get_selected_item (f->selection) == f->items[3]);
  assert_selected_row (f, 3);
  g_assert_cmpuint (f->n_selected_item_notifies, ==, 1);
  g_assert_cmpuint (f->n_selected_notifies, ==, 1);
  g_assert_cmpuint (f->changes->len, ==, 4);
  assert_change (f, 0, 1);
  assert_change (f, 1, 3);

  /* The same again: nothing */
  reset_counts (f);
  plt_item_selection_set_selected_item (f->selection, f->items[3]);
  plt_item_selection_set_selected (f->selection, 3);
  g_assert_cmpuint (f->n_selected_item_notifies, ==, 0);
  g_assert_cmpuint (f->n_selected_notifies, ==, 0);
  g_assert_cmpuint (f->changes->len, ==, 0);

  /* As a list view does, and by the property */
  g_assert_true (gtk_selection_model_select_item (model, 0, TRUE));
  g_assert_true (plt_item_selection_get_selected_item (f->selection) == f->items[0]);
  assert_selected_row (f, 0);
  g_assert_false (gtk_selection_model_select_item (model, N_ITEMS, TRUE));
  assert_selected_row (f, 0);
  g_object_set (f->selection, "selected", 4, NULL);
  g_assert_true (plt_item_selection_get_selected_item (f->selection) == f->items[4]);
  assert_selected_row (f, 4);

  outside = gtk_selection_model_get_selection_in_range (model, 0, 4);
  g_assert_true (gtk_bitset_is_empty (outside));
}

/* What the board does when an agent moves: one emission removes it, a later
 * one inserts it elsewhere. */
static void
test_move_across_emissions (Fixture       *f,
                            gconstpointer  data)
{
  GObject *c = f->items[2];

  plt_item_selection_set_selected (f->selection, 2);
  reset_counts (f);

  /* a b d e */
  g_list_store_remove (f->store, 2);
  g_assert_true (plt_item_selection_get_selected_item (f->selection) == c);
  assert_selected_row (f, INVALID);

  /* a b d e c */
  g_list_store_append (f->store, c);
  g_assert_true (plt_item_selection_get_selected_item (f->selection) == c);
  assert_selected_row (f, 4);

  /* Moved back, without asking in between: a c b d e */
  g_list_store_remove (f->store, 4);
  g_list_store_insert (f->store, 1, c);
  assert_selected_row (f, 1);

  /* In one emission: a b d c e */
  g_list_store_splice (f->store, 1, 3, (gpointer *) (GObject *[]) { f->items[1], f->items[3], c }, 3);
  assert_selected_row (f, 3);

  /* Others move around it: e a b d c, then a b d c */
  g_list_store_remove (f->store, 4);
  g_list_store_insert (f->store, 0, f->items[4]);
  assert_selected_row (f, 4);
  g_list_store_remove (f->store, 0);
  assert_selected_row (f, 3);

  g_assert_true (plt_item_selection_get_selected_item (f->selection) == c);
  g_assert_cmpuint (f->n_selected_item_notifies, ==, 0);
  g_assert_cmpuint (f->n_selected_notifies, >, 0);
  /* The rows ask is_selected() as they are added: no "selection-changed". */
  g_assert_cmpuint (f->changes->len, ==, 0);

  /* The store's changes were passed on as they were. */
  g_assert_cmpuint (f->items_changed->len, ==, 3 * 8);
  g_assert_cmpuint (g_array_index (f->items_changed, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (f->items_changed, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (f->items_changed, guint, 2), ==, 0);
  g_assert_cmpuint (g_array_index (f->items_changed, guint, 3), ==, 4);
  g_assert_cmpuint (g_array_index (f->items_changed, guint, 4), ==, 0);
  g_assert_cmpuint (g_array_index (f->items_changed, guint, 5), ==, 1);
  g_assert_cmpuint (g_array_index (f->items_changed, guint, 12), ==, 1);
  g_assert_cmpuint (g_array_index (f->items_changed, guint, 13), ==, 3);
  g_assert_cmpuint (g_array_index (f->items_changed, guint, 14), ==, 3);

  /* The old selection's position is redrawn when another item is chosen. */
  plt_item_selection_set_selected (f->selection, 0);
  g_assert_cmpuint (f->changes->len, ==, 4);
  assert_change (f, 0, 3);
  assert_change (f, 1, 0);
}

/* Deliberate: an item that leaves the model stays selected, with no
 * position, so that the board keeps an agent selected while the filter
 * hides it, and shows it selected when it is shown again. */
static void
test_removed (Fixture       *f,
              gconstpointer  data)
{
  GObject *d = f->items[3];

  plt_item_selection_set_selected (f->selection, 3);

  /* Changes before and after it */
  g_list_store_remove (f->store, 0);
  assert_selected_row (f, 2);
  g_list_store_insert (f->store, 0, f->items[0]);
  assert_selected_row (f, 3);
  g_list_store_remove (f->store, 4);
  assert_selected_row (f, 3);
  g_list_store_append (f->store, f->items[4]);
  reset_counts (f);

  g_list_store_remove (f->store, 3);
  g_assert_true (plt_item_selection_get_selected_item (f->selection) == d);
  assert_selected_row (f, INVALID);
  g_assert_cmpuint (f->n_selected_item_notifies, ==, 0);
  g_assert_cmpuint (f->n_selected_notifies, ==, 1);

  /* Other changes while it is away */
  g_list_store_remove (f->store, 0);
  g_list_store_append (f->store, f->items[0]);
  assert_selected_row (f, INVALID);
  g_assert_true (plt_item_selection_get_selected_item (f->selection) == d);

  /* Back: selected again, without a word. */
  g_list_store_append (f->store, d);
  assert_selected_row (f, 4);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_cmpuint (f->n_selected_item_notifies, ==, 0);
}

static void
test_unselect (Fixture       *f,
               gconstpointer  data)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (f->selection);

  plt_item_selection_set_selected (f->selection, 2);
  reset_counts (f);
  plt_item_selection_set_selected (f->selection, INVALID);
  g_assert_null (plt_item_selection_get_selected_item (f->selection));
  assert_selected_row (f, INVALID);
  g_assert_cmpuint (f->n_selected_item_notifies, ==, 1);
  g_assert_cmpuint (f->n_selected_notifies, ==, 1);
  g_assert_cmpuint (f->changes->len, ==, 2);
  assert_change (f, 0, 2);

  plt_item_selection_set_selected_item (f->selection, f->items[1]);
  plt_item_selection_set_selected_item (f->selection, NULL);
  g_assert_null (plt_item_selection_get_selected_item (f->selection));

  /* Past the end unselects */
  plt_item_selection_set_selected (f->selection, 1);
  plt_item_selection_set_selected (f->selection, N_ITEMS);
  g_assert_null (plt_item_selection_get_selected_item (f->selection));

  /* Another row than the selected one: nothing */
  plt_item_selection_set_selected (f->selection, 1);
  reset_counts (f);
  g_assert_true (gtk_selection_model_unselect_item (model, 3));
  assert_selected_row (f, 1);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_true (gtk_selection_model_unselect_item (model, 1));
  assert_selected_row (f, INVALID);
  assert_change (f, 0, 1);

  plt_item_selection_set_selected (f->selection, 4);
  g_assert_true (gtk_selection_model_unselect_all (model));
  g_assert_null (plt_item_selection_get_selected_item (f->selection));
  assert_selected_row (f, INVALID);

  /* Unselecting an item that is away: no row to redraw */
  plt_item_selection_set_selected (f->selection, 0);
  g_list_store_remove (f->store, 0);
  reset_counts (f);
  plt_item_selection_set_selected_item (f->selection, NULL);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_cmpuint (f->n_selected_item_notifies, ==, 1);
  g_list_store_insert (f->store, 0, f->items[0]);
}

static void
test_set_model (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GListStore) other = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GListStore) without = g_list_store_new (G_TYPE_OBJECT);
  guint model_notifies = 0;

  g_signal_connect (f->selection, "notify::model", G_CALLBACK (count_cb), &model_notifies);

  /* e c: keeps c, now at 1 */
  g_list_store_append (other, f->items[4]);
  g_list_store_append (other, f->items[2]);
  g_list_store_append (without, f->items[0]);

  plt_item_selection_set_selected (f->selection, 2);
  reset_counts (f);
  plt_item_selection_set_model (f->selection, G_LIST_MODEL (other));
  g_assert_true (plt_item_selection_get_model (f->selection) == G_LIST_MODEL (other));
  g_assert_cmpuint (model_notifies, ==, 1);
  g_assert_true (plt_item_selection_get_selected_item (f->selection) == f->items[2]);
  assert_selected_row (f, 1);
  g_assert_cmpuint (f->n_selected_item_notifies, ==, 0);
  g_assert_cmpuint (f->items_changed->len, ==, 3);
  g_assert_cmpuint (g_array_index (f->items_changed, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (f->items_changed, guint, 1), ==, N_ITEMS);
  g_assert_cmpuint (g_array_index (f->items_changed, guint, 2), ==, 2);
  g_assert_cmpuint (f->changes->len, ==, 0);

  /* The old model's changes are no longer followed. */
  g_list_store_remove_all (f->store);
  g_assert_cmpuint (f->items_changed->len, ==, 3);
  assert_selected_row (f, 1);

  /* a: c is dropped */
  reset_counts (f);
  plt_item_selection_set_model (f->selection, G_LIST_MODEL (without));
  g_assert_null (plt_item_selection_get_selected_item (f->selection));
  assert_selected_row (f, INVALID);
  g_assert_cmpuint (f->n_selected_item_notifies, ==, 1);
  g_assert_cmpuint (model_notifies, ==, 2);

  /* None */
  plt_item_selection_set_selected (f->selection, 0);
  plt_item_selection_set_model (f->selection, NULL);
  g_assert_null (plt_item_selection_get_model (f->selection));
  g_assert_null (plt_item_selection_get_selected_item (f->selection));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->selection)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->selection), 0));
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (f->selection), 0));
  g_assert_cmpuint (model_notifies, ==, 3);

  /* Back to the store, refilled */
  for (guint i = 0; i < N_ITEMS; i++)
    g_list_store_append (f->store, f->items[i]);
  g_object_set (f->selection, "model", f->store, NULL);
  assert_selected_row (f, INVALID);
  g_assert_cmpuint (model_notifies, ==, 4);
  g_assert_true (g_list_store_find (without, f->items[0], NULL));

  g_signal_handlers_disconnect_by_func (f->selection, count_cb, &model_notifies);
}

typedef struct
{
  guint n_calls;
  guint n_destroyed;
} FindCount;

static guint
find_cb (GListModel *model,
         gpointer    item,
         gpointer    user_data)
{
  FindCount *count = user_data;
  guint position;

  count->n_calls++;
  if (g_list_store_find (G_LIST_STORE (model), item, &position))
    return position;

  return GTK_INVALID_LIST_POSITION;
}

static void
find_destroy_cb (gpointer user_data)
{
  FindCount *count = user_data;

  count->n_destroyed++;
}

static void
test_find_func (Fixture       *f,
                gconstpointer  data)
{
  FindCount count = { 0, 0 };
  FindCount other = { 0, 0 };
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  GObject *b = f->items[1];

  plt_item_selection_set_find_func (f->selection, find_cb, &count, find_destroy_cb);

  /* Selecting by item looks for it. */
  plt_item_selection_set_selected_item (f->selection, b);
  g_assert_cmpuint (count.n_calls, ==, 1);
  assert_selected_row (f, 1);
  /* By position: no need. */
  plt_item_selection_set_selected (f->selection, 3);
  plt_item_selection_set_selected (f->selection, 1);
  g_assert_cmpuint (count.n_calls, ==, 1);

  /* Known positions follow the changes without it. */
  g_list_store_remove (f->store, 0);
  g_list_store_insert (f->store, 0, f->items[0]);
  assert_selected_row (f, 1);
  g_assert_cmpuint (count.n_calls, ==, 1);

  /* Removed: looked for once when asked, then known to be away. */
  g_list_store_remove (f->store, 1);
  g_assert_cmpuint (count.n_calls, ==, 1);
  assert_selected_row (f, INVALID);
  g_assert_cmpuint (count.n_calls, ==, 2);
  assert_selected_row (f, INVALID);
  g_assert_cmpuint (count.n_calls, ==, 2);

  /* Back among many added at once: left to the find function. */
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (many, g_object_new (G_TYPE_OBJECT, NULL));
  g_ptr_array_add (many, g_object_ref (b));
  g_list_store_splice (f->store, 4, 0, many->pdata, many->len);
  g_assert_cmpuint (count.n_calls, ==, 2);
  g_assert_cmpuint (plt_item_selection_get_selected (f->selection), ==, 104);
  g_assert_cmpuint (count.n_calls, ==, 3);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (f->selection), 104));
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (f->selection), 1));
  g_assert_cmpuint (count.n_calls, ==, 3);

  /* Replaced: the old data is let go. */
  plt_item_selection_set_find_func (f->selection, find_cb, &other, find_destroy_cb);
  g_assert_cmpuint (count.n_destroyed, ==, 1);
  plt_item_selection_set_selected_item (f->selection, f->items[4]);
  g_assert_cmpuint (other.n_calls, ==, 1);
  g_assert_cmpuint (count.n_calls, ==, 3);

  g_list_store_splice (f->store, 4, many->len, NULL, 0);
  g_clear_object (&f->selection);
  g_assert_cmpuint (other.n_destroyed, ==, 1);
  f->selection = plt_item_selection_new (NULL);
}

/* The selection holds its item and its model, and lets go of both. */
static void
test_ownership (void)
{
  GListStore *store = g_list_store_new (G_TYPE_OBJECT);
  GObject *item = g_object_new (G_TYPE_OBJECT, NULL);
  PltItemSelection *selection;

  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_object_add_weak_pointer (item, (gpointer *) &item);

  g_list_store_append (store, item);
  g_object_unref (item);
  selection = plt_item_selection_new (G_LIST_MODEL (store));
  plt_item_selection_set_selected (selection, 0);

  g_list_store_remove_all (store);
  g_assert_nonnull (item);
  g_assert_true (plt_item_selection_get_selected_item (selection) == item);

  plt_item_selection_set_selected_item (selection, NULL);
  g_assert_null (item);

  item = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_add_weak_pointer (item, (gpointer *) &item);
  g_list_store_append (store, item);
  g_object_unref (item);
  plt_item_selection_set_selected (selection, 0);

  g_assert_finalize_object (selection);
  g_assert_null (store);
  g_assert_null (item);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/item-selection/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("select", test_select);
  ADD ("move-across-emissions", test_move_across_emissions);
  ADD ("removed", test_removed);
  ADD ("unselect", test_unselect);
  ADD ("set-model", test_set_model);
  ADD ("find-func", test_find_func);
  g_test_add_func ("/item-selection/ownership", test_ownership);

#undef ADD

  return g_test_run ();
}
