/* plt-staffing-cmd.c — `plateau-router staffing`, the staffing calculator for scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <json-glib/json-glib.h>

#include "plt-staffing.h"
#include "plt-staffing-cmd.h"

#define EXIT_BAD_ARGUMENTS 2
#define EXIT_UNREACHABLE   1

/* Reads @text as a finite number in [@min, @max] (bounds excluded when the
 * flags say so), naming @option in the error. */
static gboolean
parse_number (const char  *option,
              const char  *text,
              double       min,
              gboolean     min_excluded,
              double       max,
              gboolean     max_excluded,
              double      *value,
              GError     **error)
{
  char *end = NULL;
  double number;

  if (text == NULL)
    return TRUE;

  number = g_ascii_strtod (text, &end);
  if (text[0] == '\0' || end == NULL || *end != '\0' || !isfinite (number))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s: “%s” is not a number", option, text);
      return FALSE;
    }

  if (number < min || (min_excluded && number == min) ||
      number > max || (max_excluded && number == max))
    {
      g_autofree char *upper = NULL;

      if (isfinite (max))
        upper = g_strdup_printf (" and %s %g", max_excluded ? "<" : "≤", max);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s must be %s %g%s, not %s", option,
                   min_excluded ? ">" : "≥", min, upper != NULL ? upper : "", text);
      return FALSE;
    }

  *value = number;
  return TRUE;
}

static gboolean
parse_agents (const char  *text,
              guint       *agents,
              GError     **error)
{
  guint64 number;
  g_autoptr(GError) local_error = NULL;

  if (!g_ascii_string_to_unsigned (text, 10, 1, PLT_STAFFING_MAX_AGENTS, &number, &local_error))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--agents must be a whole number from 1 to %u, not “%s”",
                   PLT_STAFFING_MAX_AGENTS, text);
      return FALSE;
    }

  *agents = (guint) number;
  return TRUE;
}

static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static char *
result_to_json (const PltStaffingResult *result,
                gboolean                 erlang_a,
                guint                    scheduled)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "agents");
  json_builder_add_int_value (builder, result->agents);
  add_number (builder, "p_wait", result->p_wait);
  add_number (builder, "service_level", result->service_level);
  /* +∞ (Erlang C with N ≤ A) has no JSON form: null. */
  add_number (builder, "asa_s", result->asa_s);
  if (erlang_a)
    add_number (builder, "p_abandon", result->p_abandon);
  add_number (builder, "occupancy", result->occupancy);
  json_builder_set_member_name (builder, "scheduled_agents");
  json_builder_add_int_value (builder, scheduled);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static int
bad_arguments (GError *error)
{
  g_printerr ("plateau-router staffing: %s\n", error->message);
  g_printerr ("Try “plateau-router staffing --help”.\n");

  return EXIT_BAD_ARGUMENTS;
}

int
plt_staffing_command (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *calls_text = NULL;
  g_autofree char *interval_text = NULL;
  g_autofree char *aht_text = NULL;
  g_autofree char *target_s_text = NULL;
  g_autofree char *agents_text = NULL;
  g_autofree char *target_sl_text = NULL;
  g_autofree char *target_asa_text = NULL;
  g_autofree char *max_abandon_text = NULL;
  g_autofree char *patience_text = NULL;
  g_autofree char *shrinkage_text = NULL;
  g_autofree char *max_occupancy_text = NULL;
  g_autofree char *json = NULL;
  double calls = 0, interval_s = 0, aht_s = 0, shrinkage = 0;
  PltStaffingTarget target;
  PltStaffingResult result;
  gboolean search;
  guint agents = 0;
  const GOptionEntry entries[] = {
    { "calls", 0, 0, G_OPTION_ARG_STRING, &calls_text,
      "Calls offered in the interval (required)", "N" },
    { "interval-s", 0, 0, G_OPTION_ARG_STRING, &interval_text,
      "Length of the interval, in seconds (required)", "S" },
    { "aht-s", 0, 0, G_OPTION_ARG_STRING, &aht_text,
      "Mean handle time, in seconds (required)", "S" },
    { "target-s", 0, 0, G_OPTION_ARG_STRING, &target_s_text,
      "Service level threshold T, in seconds (required)", "T" },
    { "agents", 0, 0, G_OPTION_ARG_STRING, &agents_text,
      "Figures for this many agents", "N" },
    { "target-sl", 0, 0, G_OPTION_ARG_STRING, &target_sl_text,
      "Find the fewest agents answering this share of calls within T (0.8 for 80 %)", "P" },
    { "target-asa-s", 0, 0, G_OPTION_ARG_STRING, &target_asa_text,
      "Find the fewest agents with an ASA at most this, in seconds", "S" },
    { "max-abandon", 0, 0, G_OPTION_ARG_STRING, &max_abandon_text,
      "Find the fewest agents losing at most this share of calls (needs --patience-s)", "F" },
    { "patience-s", 0, 0, G_OPTION_ARG_STRING, &patience_text,
      "Mean caller patience, in seconds: use Erlang A (default: Erlang C, nobody abandons)", "S" },
    { "shrinkage", 0, 0, G_OPTION_ARG_STRING, &shrinkage_text,
      "Share of paid time not available for calls, for scheduled_agents (default 0)", "F" },
    { "max-occupancy", 0, 0, G_OPTION_ARG_STRING, &max_occupancy_text,
      "With a target: also keep occupancy at most this (0.85 for 85 %)", "F" },
    G_OPTION_ENTRY_NULL
  };

  setlocale (LC_ALL, "");
  g_set_prgname ("plateau-router staffing");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    "Staffing for one interval of one queue, by Erlang C (or Erlang A with\n"
    "--patience-s): the figures for a given head count (--agents), or the fewest\n"
    "agents meeting a target (--target-sl, --target-asa-s, --max-abandon).\n"
    "Prints one JSON object: agents, p_wait, service_level, asa_s, p_abandon\n"
    "(Erlang A only), occupancy, scheduled_agents. service_level is the share of\n"
    "offered calls answered within T; asa_s the mean wait of answered calls,\n"
    "null when Erlang C has no steady state (agents ≤ load).");
  g_option_context_set_description (context,
    "Examples:\n"
    "  plateau-router staffing --calls 100 --interval-s 1800 --aht-s 180 --target-s 20 --agents 14\n"
    "  plateau-router staffing --calls 100 --interval-s 1800 --aht-s 180 --target-s 20 \\\n"
    "      --target-sl 0.8 --shrinkage 0.3 --patience-s 300\n"
    "\n"
    "Exit status: 0, 1 when no head count meets the target, 2 for bad arguments.\n"
    "The formulas are in docs/kpis.md, \"Staffing maths\".\n");
  g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return bad_arguments (error);

  if (argc > 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "unexpected argument “%s”", argv[1]);
      return bad_arguments (error);
    }

  plt_staffing_target_init (&target, patience_text != NULL ? PLT_STAFFING_ERLANG_A
                                                           : PLT_STAFFING_ERLANG_C);

  {
    const struct { const char *name; const char *text; } required[] = {
      { "--calls", calls_text }, { "--interval-s", interval_text },
      { "--aht-s", aht_text }, { "--target-s", target_s_text },
    };

    for (guint i = 0; i < G_N_ELEMENTS (required); i++)
      if (required[i].text == NULL)
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       "%s is required", required[i].name);
          return bad_arguments (error);
        }
  }

  if (!parse_number ("--calls", calls_text, 0, FALSE, INFINITY, FALSE, &calls, &error) ||
      !parse_number ("--interval-s", interval_text, 0, TRUE, INFINITY, FALSE, &interval_s, &error) ||
      !parse_number ("--aht-s", aht_text, 0, TRUE, INFINITY, FALSE, &aht_s, &error) ||
      !parse_number ("--target-s", target_s_text, 0, FALSE, INFINITY, FALSE, &target.t_s, &error) ||
      !parse_number ("--target-sl", target_sl_text, 0, TRUE, 1, TRUE, &target.service_level, &error) ||
      !parse_number ("--target-asa-s", target_asa_text, 0, TRUE, INFINITY, FALSE, &target.max_asa_s, &error) ||
      !parse_number ("--max-abandon", max_abandon_text, 0, TRUE, 1, TRUE, &target.max_abandon, &error) ||
      !parse_number ("--patience-s", patience_text, 0, FALSE, INFINITY, FALSE, &target.patience_s, &error) ||
      !parse_number ("--shrinkage", shrinkage_text, 0, FALSE, 1, TRUE, &shrinkage, &error) ||
      !parse_number ("--max-occupancy", max_occupancy_text, 0, TRUE, 1, FALSE, &target.max_occupancy, &error))
    return bad_arguments (error);

  if (agents_text != NULL && !parse_agents (agents_text, &agents, &error))
    return bad_arguments (error);

  search = target_sl_text != NULL || target_asa_text != NULL || max_abandon_text != NULL;
  if (agents_text != NULL && search)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "give either --agents or a target (--target-sl, --target-asa-s, "
                           "--max-abandon), not both");
      return bad_arguments (error);
    }
  if (agents_text == NULL && !search)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "give --agents N, or a target: --target-sl P, --target-asa-s S "
                           "or --max-abandon F");
      return bad_arguments (error);
    }
  if (max_occupancy_text != NULL && !search)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "--max-occupancy caps a search: it needs a target, not --agents");
      return bad_arguments (error);
    }
  if (max_abandon_text != NULL && patience_text == NULL)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "--max-abandon needs --patience-s (Erlang A): in Erlang C nobody abandons");
      return bad_arguments (error);
    }

  if (search)
    {
      double load = plt_staffing_load (calls, interval_s, aht_s);

      if (!plt_staffing_required (&target, load, aht_s, &result, &error))
        {
          g_printerr ("plateau-router staffing: %s\n", error->message);
          return g_error_matches (error, PLT_STAFFING_ERROR, PLT_STAFFING_ERROR_INVALID)
                 ? EXIT_BAD_ARGUMENTS : EXIT_UNREACHABLE;
        }
    }
  else
    {
      double load = plt_staffing_load (calls, interval_s, aht_s);

      plt_staffing_evaluate (&target, load, aht_s, agents, &result);
      if (!result.stable)
        g_printerr ("plateau-router staffing: %u agents for %.4g Erlangs: Erlang C has no "
                    "steady state, the queue grows without bound (asa_s is null)\n",
                    agents, load);
    }

  json = result_to_json (&result, target.model == PLT_STAFFING_ERLANG_A,
                         plt_staffing_scheduled (result.agents, shrinkage));
  g_print ("%s\n", json);
  fflush (stdout);

  return EXIT_SUCCESS;
}
