/* plt-wallboard-layout.c — what the wallboard shows, and its JSON form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "plt-wallboard-layout.h"

#define DEFAULT_INTERVAL 20

G_DEFINE_QUARK (plt-wallboard-layout-error-quark, plt_wallboard_layout_error)

static const char * const tile_names[PLT_WALLBOARD_N_TILES] = {
  [PLT_WALLBOARD_TILE_QUEUES] = "queues",
  [PLT_WALLBOARD_TILE_WAITING] = "waiting",
  [PLT_WALLBOARD_TILE_SERVICE_LEVEL] = "service-level",
  [PLT_WALLBOARD_TILE_AGENT_STATES] = "agent-states",
  [PLT_WALLBOARD_TILE_AGENTS] = "agents",
  [PLT_WALLBOARD_TILE_CLOCK] = "clock",
  [PLT_WALLBOARD_TILE_ALERTS] = "alerts",
};

const char *
plt_wallboard_tile_to_string (PltWallboardTile tile)
{
  g_return_val_if_fail ((guint) tile < PLT_WALLBOARD_N_TILES, NULL);

  return tile_names[tile];
}

gboolean
plt_wallboard_tile_from_string (const char       *text,
                                PltWallboardTile *tile)
{
  for (guint i = 0; i < PLT_WALLBOARD_N_TILES; i++)
    if (g_strcmp0 (text, tile_names[i]) == 0)
      {
        if (tile != NULL)
          *tile = (PltWallboardTile) i;
        return TRUE;
      }

  return FALSE;
}

const char *
plt_wallboard_tile_get_label (PltWallboardTile tile)
{
  switch (tile)
    {
    case PLT_WALLBOARD_TILE_QUEUES:
      return _("Queues");
    case PLT_WALLBOARD_TILE_WAITING:
      return _("Waiting contacts");
    case PLT_WALLBOARD_TILE_SERVICE_LEVEL:
      return _("Service level");
    case PLT_WALLBOARD_TILE_AGENT_STATES:
      return _("Agents by state");
    case PLT_WALLBOARD_TILE_AGENTS:
      return _("Agents");
    case PLT_WALLBOARD_TILE_CLOCK:
      return _("Clock");
    case PLT_WALLBOARD_TILE_ALERTS:
      return _("Alerts");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
plt_wallboard_tile_get_description (PltWallboardTile tile)
{
  switch (tile)
    {
    case PLT_WALLBOARD_TILE_QUEUES:
      return _("A tile per queue: waiting, longest wait, service level");
    case PLT_WALLBOARD_TILE_WAITING:
      return _("Contacts waiting and the longest wait, all queues of the page");
    case PLT_WALLBOARD_TILE_SERVICE_LEVEL:
      return _("A gauge per queue: service level today against its target");
    case PLT_WALLBOARD_TILE_AGENT_STATES:
      return _("How many agents are available, on a call, in wrap-up or paused");
    case PLT_WALLBOARD_TILE_AGENTS:
      return _("A small tile per agent with their state and time in state");
    case PLT_WALLBOARD_TILE_CLOCK:
      return _("The time and the date");
    case PLT_WALLBOARD_TILE_ALERTS:
      return _("The queues over an alert threshold");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
plt_wallboard_tile_is_area (PltWallboardTile tile)
{
  return tile == PLT_WALLBOARD_TILE_QUEUES ||
         tile == PLT_WALLBOARD_TILE_SERVICE_LEVEL ||
         tile == PLT_WALLBOARD_TILE_AGENTS;
}

/* Pages ------------------------------------------------------------------ */

PltWallboardPage *
plt_wallboard_page_new (void)
{
  PltWallboardPage *page = g_new0 (PltWallboardPage, 1);

  page->interval_s = DEFAULT_INTERVAL;
  page->n_tiles = 1;
  page->tiles[0] = PLT_WALLBOARD_TILE_QUEUES;
  page->queues = g_new0 (char *, 1);

  return page;
}

PltWallboardPage *
plt_wallboard_page_copy (const PltWallboardPage *page)
{
  PltWallboardPage *copy;

  g_return_val_if_fail (page != NULL, NULL);

  copy = g_memdup2 (page, sizeof *page);
  copy->title = g_strdup (page->title);
  copy->queues = g_strdupv (page->queues);

  return copy;
}

void
plt_wallboard_page_free (PltWallboardPage *page)
{
  if (page == NULL)
    return;

  g_free (page->title);
  g_strfreev (page->queues);
  g_free (page);
}

static gboolean
page_equal (const PltWallboardPage *a,
            const PltWallboardPage *b)
{
  if (g_strcmp0 (a->title, b->title) != 0 ||
      a->interval_s != b->interval_s ||
      a->n_tiles != b->n_tiles ||
      memcmp (a->tiles, b->tiles, a->n_tiles * sizeof a->tiles[0]) != 0)
    return FALSE;

  return g_strv_equal ((const char * const *) a->queues, (const char * const *) b->queues);
}

gboolean
plt_wallboard_page_has_tile (const PltWallboardPage *page,
                             PltWallboardTile        tile)
{
  g_return_val_if_fail (page != NULL, FALSE);

  for (guint i = 0; i < page->n_tiles; i++)
    if (page->tiles[i] == tile)
      return TRUE;

  return FALSE;
}

void
plt_wallboard_page_set_tile (PltWallboardPage *page,
                             PltWallboardTile  tile,
                             gboolean          shown)
{
  g_return_if_fail (page != NULL);
  g_return_if_fail ((guint) tile < PLT_WALLBOARD_N_TILES);

  if (shown == plt_wallboard_page_has_tile (page, tile))
    return;

  if (shown)
    {
      page->tiles[page->n_tiles++] = tile;
      return;
    }

  if (page->n_tiles == 1)
    return;

  for (guint i = 0; i < page->n_tiles; i++)
    if (page->tiles[i] == tile)
      {
        memmove (&page->tiles[i], &page->tiles[i + 1], (page->n_tiles - i - 1) * sizeof page->tiles[0]);
        page->n_tiles--;
        break;
      }
}

gboolean
plt_wallboard_page_shows_queue (const PltWallboardPage *page,
                                const char             *queue_id)
{
  g_return_val_if_fail (page != NULL, FALSE);

  if (page->queues[0] == NULL)
    return TRUE;

  return queue_id != NULL && g_strv_contains ((const char * const *) page->queues, queue_id);
}

char *
plt_wallboard_page_dup_title (const PltWallboardPage *page)
{
  g_return_val_if_fail (page != NULL, NULL);

  if (page->title != NULL && page->title[0] != '\0')
    return g_strdup (page->title);

  /* The biggest tile names the page. */
  for (guint i = 0; i < page->n_tiles; i++)
    if (plt_wallboard_tile_is_area (page->tiles[i]))
      return g_strdup (plt_wallboard_tile_get_label (page->tiles[i]));

  return g_strdup (plt_wallboard_tile_get_label (page->tiles[0]));
}

/* Layouts ---------------------------------------------------------------- */

static PltWallboardLayout *
layout_new_empty (void)
{
  PltWallboardLayout *layout = g_new0 (PltWallboardLayout, 1);

  layout->rotate = TRUE;
  layout->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_wallboard_page_free);

  return layout;
}

static PltWallboardPage *
page_new_with_tiles (guint                   interval_s,
                     const PltWallboardTile *tiles,
                     guint                   n_tiles)
{
  PltWallboardPage *page = plt_wallboard_page_new ();

  page->interval_s = interval_s;
  page->n_tiles = n_tiles;
  memcpy (page->tiles, tiles, n_tiles * sizeof tiles[0]);

  return page;
}

PltWallboardLayout *
plt_wallboard_layout_new_default (void)
{
  static const PltWallboardTile queues_page[] = {
    PLT_WALLBOARD_TILE_WAITING, PLT_WALLBOARD_TILE_AGENT_STATES,
    PLT_WALLBOARD_TILE_CLOCK, PLT_WALLBOARD_TILE_QUEUES,
  };
  static const PltWallboardTile service_level_page[] = {
    PLT_WALLBOARD_TILE_WAITING, PLT_WALLBOARD_TILE_ALERTS,
    PLT_WALLBOARD_TILE_SERVICE_LEVEL,
  };
  static const PltWallboardTile agents_page[] = {
    PLT_WALLBOARD_TILE_AGENT_STATES, PLT_WALLBOARD_TILE_AGENTS,
  };
  PltWallboardLayout *layout = layout_new_empty ();

  g_ptr_array_add (layout->pages, page_new_with_tiles (20, queues_page, G_N_ELEMENTS (queues_page)));
  g_ptr_array_add (layout->pages, page_new_with_tiles (15, service_level_page, G_N_ELEMENTS (service_level_page)));
  g_ptr_array_add (layout->pages, page_new_with_tiles (20, agents_page, G_N_ELEMENTS (agents_page)));

  return layout;
}

PltWallboardLayout *
plt_wallboard_layout_copy (const PltWallboardLayout *layout)
{
  PltWallboardLayout *copy;

  g_return_val_if_fail (layout != NULL, NULL);

  copy = layout_new_empty ();
  copy->rotate = layout->rotate;
  for (guint i = 0; i < layout->pages->len; i++)
    g_ptr_array_add (copy->pages, plt_wallboard_page_copy (g_ptr_array_index (layout->pages, i)));

  return copy;
}

void
plt_wallboard_layout_free (PltWallboardLayout *layout)
{
  if (layout == NULL)
    return;

  g_ptr_array_unref (layout->pages);
  g_free (layout);
}

gboolean
plt_wallboard_layout_equal (const PltWallboardLayout *a,
                            const PltWallboardLayout *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (a->rotate != b->rotate || a->pages->len != b->pages->len)
    return FALSE;

  for (guint i = 0; i < a->pages->len; i++)
    if (!page_equal (g_ptr_array_index (a->pages, i), g_ptr_array_index (b->pages, i)))
      return FALSE;

  return TRUE;
}

PltWallboardPage *
plt_wallboard_layout_get_page (const PltWallboardLayout *layout,
                               guint                     index)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (index < layout->pages->len, NULL);

  return g_ptr_array_index (layout->pages, index);
}

guint
plt_wallboard_layout_get_n_pages (const PltWallboardLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->pages->len;
}

/* Reading ---------------------------------------------------------------- */

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (PLT_WALLBOARD_LAYOUT_ERROR,
                                                PLT_WALLBOARD_LAYOUT_ERROR_INVALID,
                                                format, args));
  va_end (args);

  return FALSE;
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static char *
known_tiles_text (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < PLT_WALLBOARD_N_TILES; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, tile_names[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
read_tiles (PltWallboardPage  *page,
            guint              number,
            JsonNode          *node,
            GError           **error)
{
  JsonArray *array;
  guint length;

  if (node == NULL)
    return invalid (error, _("Page %u has no tiles (“tiles”)"), number);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("Page %u: “tiles” must be a list of tile names"), number);

  array = json_node_get_array (node);
  length = json_array_get_length (array);
  if (length == 0)
    return invalid (error, _("Page %u has no tiles (“tiles”)"), number);

  page->n_tiles = 0;
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      PltWallboardTile tile;

      if (!node_is_string (element))
        return invalid (error, _("Page %u: “tiles” must be a list of tile names"), number);

      if (!plt_wallboard_tile_from_string (json_node_get_string (element), &tile))
        {
          g_autofree char *known = known_tiles_text ();

          return invalid (error, _("Page %u: unknown tile “%s”; the tiles are %s"),
                          number, json_node_get_string (element), known);
        }

      if (plt_wallboard_page_has_tile (page, tile))
        return invalid (error, _("Page %u: the tile “%s” is listed twice"),
                        number, json_node_get_string (element));

      page->tiles[page->n_tiles++] = tile;
    }

  return TRUE;
}

static gboolean
read_queues (PltWallboardPage  *page,
             guint              number,
             JsonNode          *node,
             GError           **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;
  guint length;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("Page %u: “queues” must be a list of queue identifiers"), number);

  array = json_node_get_array (node);
  length = json_array_get_length (array);
  if (length > PLT_WALLBOARD_MAX_QUEUES)
    return invalid (error, _("Page %u lists more than %d queues"), number, PLT_WALLBOARD_MAX_QUEUES);

  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *id;

      if (!node_is_string (element) || json_node_get_string (element)[0] == '\0')
        return invalid (error, _("Page %u: “queues” must be a list of queue identifiers"), number);

      id = json_node_get_string (element);
      if (!g_hash_table_add (seen, (gpointer) id))
        continue;
      g_strv_builder_add (builder, id);
    }

  g_strfreev (page->queues);
  page->queues = g_strv_builder_end (builder);

  return TRUE;
}

static PltWallboardPage *
read_page (JsonNode  *node,
           guint      number,
           GError   **error)
{
  g_autoptr(PltWallboardPage) page = plt_wallboard_page_new ();
  JsonObject *object;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, _("Page %u is not a JSON object"), number);
      return NULL;
    }

  object = json_node_get_object (node);

  member = json_object_get_member (object, "title");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!node_is_string (member))
        {
          invalid (error, _("Page %u: “title” must be a string"), number);
          return NULL;
        }
      if (g_utf8_strlen (json_node_get_string (member), -1) > PLT_WALLBOARD_MAX_TITLE)
        {
          invalid (error, _("Page %u: the title is longer than %d characters"),
                   number, PLT_WALLBOARD_MAX_TITLE);
          return NULL;
        }
      if (json_node_get_string (member)[0] != '\0')
        page->title = g_strdup (json_node_get_string (member));
    }

  member = json_object_get_member (object, "interval");
  if (member != NULL)
    {
      gint64 interval;

      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64 ||
          (interval = json_node_get_int (member)) < PLT_WALLBOARD_MIN_INTERVAL ||
          interval > PLT_WALLBOARD_MAX_INTERVAL)
        {
          invalid (error, _("Page %u: “interval” must be a whole number of seconds from %d to %d"),
                   number, PLT_WALLBOARD_MIN_INTERVAL, PLT_WALLBOARD_MAX_INTERVAL);
          return NULL;
        }
      page->interval_s = (guint) interval;
    }

  if (!read_tiles (page, number, json_object_get_member (object, "tiles"), error) ||
      !read_queues (page, number, json_object_get_member (object, "queues"), error))
    return NULL;

  return g_steal_pointer (&page);
}

static PltWallboardLayout *
read_layout (JsonNode  *root,
             GError   **error)
{
  g_autoptr(PltWallboardLayout) layout = layout_new_empty ();
  JsonObject *object;
  JsonNode *member;
  JsonArray *pages;
  guint n_pages;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, _("A wallboard layout is a JSON object with a list of pages"));
      return NULL;
    }

  object = json_node_get_object (root);

  member = json_object_get_member (object, "format");
  if (member != NULL && (!node_is_string (member) ||
                         !g_str_equal (json_node_get_string (member), PLT_WALLBOARD_LAYOUT_FORMAT)))
    {
      invalid (error, _("This is not a wallboard layout: its “format” is not “%s”"),
               PLT_WALLBOARD_LAYOUT_FORMAT);
      return NULL;
    }

  member = json_object_get_member (object, "version");
  if (member != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64 ||
          json_node_get_int (member) < 1)
        {
          invalid (error, _("“version” must be a whole number"));
          return NULL;
        }
      if (json_node_get_int (member) > PLT_WALLBOARD_LAYOUT_VERSION)
        {
          invalid (error, _("This layout was made by a newer version of Plateau (layout version %d); this version reads version %d"),
                   (int) MIN (json_node_get_int (member), G_MAXINT), PLT_WALLBOARD_LAYOUT_VERSION);
          return NULL;
        }
    }

  member = json_object_get_member (object, "rotate");
  if (member != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        {
          invalid (error, _("“rotate” must be true or false"));
          return NULL;
        }
      layout->rotate = json_node_get_boolean (member);
    }

  member = json_object_get_member (object, "pages");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member) ||
      json_array_get_length (json_node_get_array (member)) == 0)
    {
      invalid (error, _("A wallboard layout needs a list of pages (“pages”) with at least one page"));
      return NULL;
    }

  pages = json_node_get_array (member);
  n_pages = json_array_get_length (pages);
  if (n_pages > PLT_WALLBOARD_MAX_PAGES)
    {
      invalid (error, _("A wallboard layout has at most %d pages; this one has %u"),
               PLT_WALLBOARD_MAX_PAGES, n_pages);
      return NULL;
    }

  for (guint i = 0; i < n_pages; i++)
    {
      PltWallboardPage *page = read_page (json_array_get_element (pages, i), i + 1, error);

      if (page == NULL)
        return NULL;
      g_ptr_array_add (layout->pages, page);
    }

  return g_steal_pointer (&layout);
}

PltWallboardLayout *
plt_wallboard_layout_new_from_json (const char  *json,
                                    gssize       length,
                                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, json, length, &parse_error))
    {
      g_set_error (error, PLT_WALLBOARD_LAYOUT_ERROR, PLT_WALLBOARD_LAYOUT_ERROR_PARSE,
                   _("The layout is not valid JSON: %s"), parse_error->message);
      return NULL;
    }

  return read_layout (json_parser_get_root (parser), error);
}

PltWallboardLayout *
plt_wallboard_layout_new_from_file (GFile   *file,
                                    GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  PltWallboardLayout *layout;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot read the layout “%s”: %s"), name, local_error->message);
      return NULL;
    }

  layout = plt_wallboard_layout_new_from_json (contents, (gssize) length, &local_error);
  if (layout == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The layout “%s” cannot be used: %s"), name, local_error->message);
      return NULL;
    }

  return layout;
}

/* Writing ---------------------------------------------------------------- */

char *
plt_wallboard_layout_to_json (const PltWallboardLayout *layout)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (layout != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, PLT_WALLBOARD_LAYOUT_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, PLT_WALLBOARD_LAYOUT_VERSION);
  json_builder_set_member_name (builder, "rotate");
  json_builder_add_boolean_value (builder, layout->rotate);
  json_builder_set_member_name (builder, "pages");
  json_builder_begin_array (builder);

  for (guint i = 0; i < layout->pages->len; i++)
    {
      const PltWallboardPage *page = g_ptr_array_index (layout->pages, i);

      json_builder_begin_object (builder);
      if (page->title != NULL)
        {
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, page->title);
        }
      json_builder_set_member_name (builder, "interval");
      json_builder_add_int_value (builder, page->interval_s);
      json_builder_set_member_name (builder, "tiles");
      json_builder_begin_array (builder);
      for (guint t = 0; t < page->n_tiles; t++)
        json_builder_add_string_value (builder, plt_wallboard_tile_to_string (page->tiles[t]));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "queues");
      json_builder_begin_array (builder);
      for (guint q = 0; page->queues[q] != NULL; q++)
        json_builder_add_string_value (builder, page->queues[q]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);

  return g_strconcat (text, "\n", NULL);
}

gboolean
plt_wallboard_layout_save_to_file (const PltWallboardLayout  *layout,
                                   GFile                     *file,
                                   GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  json = plt_wallboard_layout_to_json (layout);
  if (!g_file_replace_contents (file, json, strlen (json), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot save the layout “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}
