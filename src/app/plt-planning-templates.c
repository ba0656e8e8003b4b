/* plt-planning-templates.c — built-in and saved shift templates, weekly
 * patterns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "plt-planning-templates.h"

struct _PltPlanningTemplates
{
  char      *path;
  GPtrArray *templates;   /* PltShiftTemplate: built in, then saved */
  GPtrArray *patterns;    /* PltWeeklyPattern */
  guint      n_builtin;
};

/* 8 h 30 with two breaks and a lunch: the usual day of a call center. */
static PltShiftTemplate *
day_template (const char *id,
              const char *name,
              guint       start_min)
{
  PltShiftTemplate *tmpl = plt_shift_template_new (id, name, start_min, 8 * 60 + 30, NULL);
  guint lunch = MAX (240, 720 > start_min ? 720 - start_min : 240);

  plt_shift_template_add (tmpl, PLT_ACTIVITY_BREAK, 120, 15, NULL);
  plt_shift_template_add (tmpl, PLT_ACTIVITY_LUNCH, MIN (lunch, 300), 45, NULL);
  plt_shift_template_add (tmpl, PLT_ACTIVITY_BREAK, 405, 15, NULL);
  return tmpl;
}

static void
add_builtin (PltPlanningTemplates *self)
{
  PltShiftTemplate *tmpl;
  PltWeeklyPattern *pattern;

  /* Translators: names of built-in shift templates */
  g_ptr_array_add (self->templates, day_template ("builtin-early", _("Early 07:00–15:30"), 7 * 60));
  g_ptr_array_add (self->templates, day_template ("builtin-day", _("Day 08:30–17:00"), 8 * 60 + 30));
  g_ptr_array_add (self->templates, day_template ("builtin-late", _("Late 12:00–20:30"), 12 * 60));

  tmpl = plt_shift_template_new ("builtin-morning", _("Morning 08:00–12:00"), 8 * 60, 4 * 60, NULL);
  plt_shift_template_add (tmpl, PLT_ACTIVITY_BREAK, 120, 15, NULL);
  g_ptr_array_add (self->templates, tmpl);

  tmpl = plt_shift_template_new ("builtin-training", _("Training day 09:00–17:00"), 9 * 60, 8 * 60, NULL);
  plt_shift_template_add (tmpl, PLT_ACTIVITY_TRAINING, 0, 180, NULL);
  plt_shift_template_add (tmpl, PLT_ACTIVITY_LUNCH, 180, 60, NULL);
  plt_shift_template_add (tmpl, PLT_ACTIVITY_TRAINING, 240, 120, NULL);
  plt_shift_template_add (tmpl, PLT_ACTIVITY_BREAK, 360, 15, NULL);
  g_ptr_array_add (self->templates, tmpl);

  self->n_builtin = self->templates->len;

  /* Translators: names of built-in weekly patterns */
  pattern = plt_weekly_pattern_new ("builtin-weekdays", _("Weekdays, day shift"));
  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_FRIDAY; d++)
    plt_weekly_pattern_set_day (pattern, d, "builtin-day");
  g_ptr_array_add (self->patterns, pattern);

  pattern = plt_weekly_pattern_new ("builtin-weekdays-early", _("Weekdays, early shift"));
  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_FRIDAY; d++)
    plt_weekly_pattern_set_day (pattern, d, "builtin-early");
  g_ptr_array_add (self->patterns, pattern);

  pattern = plt_weekly_pattern_new ("builtin-weekdays-late", _("Weekdays, late shift"));
  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_FRIDAY; d++)
    plt_weekly_pattern_set_day (pattern, d, "builtin-late");
  g_ptr_array_add (self->patterns, pattern);

  pattern = plt_weekly_pattern_new ("builtin-tuesday-saturday", _("Tuesday to Saturday, day shift"));
  for (GDateWeekday d = G_DATE_TUESDAY; d <= G_DATE_SATURDAY; d++)
    plt_weekly_pattern_set_day (pattern, d, "builtin-day");
  g_ptr_array_add (self->patterns, pattern);
}

static void
load_saved (PltPlanningTemplates *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonArray *array;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    return;

  if (!json_parser_load_from_file (parser, self->path, &error))
    {
      g_warning ("Cannot read the shift templates of %s: %s", self->path, error->message);
      return;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_warning ("%s does not hold a list of shift templates", self->path);
      return;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) item_error = NULL;
      PltShiftTemplate *tmpl = plt_shift_template_from_json (json_array_get_element (array, i), &item_error);

      if (tmpl == NULL)
        g_warning ("A shift template of %s is not valid: %s", self->path, item_error->message);
      else
        g_ptr_array_add (self->templates, tmpl);
    }
}

static gboolean
save (PltPlanningTemplates  *self,
      GError               **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = self->n_builtin; i < self->templates->len; i++)
    plt_shift_template_to_json (g_ptr_array_index (self->templates, i), builder);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  return g_file_set_contents (self->path, text, -1, error);
}

PltPlanningTemplates *
plt_planning_templates_new (const char *path)
{
  PltPlanningTemplates *self = g_new0 (PltPlanningTemplates, 1);

  self->path = path != NULL ? g_strdup (path)
                            : g_build_filename (g_get_user_data_dir (), "plateau", "templates.json", NULL);
  self->templates = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_shift_template_free);
  self->patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_weekly_pattern_free);

  add_builtin (self);
  load_saved (self);

  return self;
}

void
plt_planning_templates_free (PltPlanningTemplates *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_ptr_array_unref (self->templates);
  g_ptr_array_unref (self->patterns);
  g_free (self);
}

GPtrArray *
plt_planning_templates_get_templates (PltPlanningTemplates *self)
{
  return self->templates;
}

GPtrArray *
plt_planning_templates_get_patterns (PltPlanningTemplates *self)
{
  return self->patterns;
}

const PltShiftTemplate *
plt_planning_templates_lookup (PltPlanningTemplates *self,
                               const char           *id)
{
  for (guint i = 0; id != NULL && i < self->templates->len; i++)
    {
      const PltShiftTemplate *tmpl = g_ptr_array_index (self->templates, i);

      if (g_str_equal (tmpl->id, id))
        return tmpl;
    }

  return NULL;
}

const PltShiftTemplate *
plt_planning_templates_add_from_shift (PltPlanningTemplates  *self,
                                       const char            *name,
                                       const PltShift        *shift,
                                       const PltSite         *site,
                                       GError               **error)
{
  g_autoptr(PltShiftTemplate) tmpl = NULL;
  g_autofree char *id = g_strdup_printf ("user-%" G_GINT64_FORMAT, g_get_real_time ());
  guint minutes = (guint) ((shift->end - shift->start) / PLT_MS_PER_MINUTE);

  tmpl = plt_shift_template_new (id, name, (guint) plt_site_minute_of_day (site, shift->start) % (24 * 60),
                                 minutes, NULL);
  for (guint i = 0; i < shift->activities->len; i++)
    {
      const PltActivity *activity = g_ptr_array_index (shift->activities, i);

      if (activity->kind == PLT_ACTIVITY_WORK)
        continue;
      plt_shift_template_add (tmpl, activity->kind,
                              (guint) ((activity->start - shift->start) / PLT_MS_PER_MINUTE),
                              (guint) ((activity->end - activity->start) / PLT_MS_PER_MINUTE),
                              (const char * const *) activity->queues);
    }

  g_ptr_array_add (self->templates, g_steal_pointer (&tmpl));
  if (!save (self, error))
    {
      g_ptr_array_remove_index (self->templates, self->templates->len - 1);
      return NULL;
    }

  return g_ptr_array_index (self->templates, self->templates->len - 1);
}
