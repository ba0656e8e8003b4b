/* test-staffing-cmd.c — `plateau-router staffing`: run the program, parse its JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

static char *
router_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "router", "plateau-router", NULL);
}

/* Runs `plateau-router staffing ARGS…` (NULL-terminated); returns the exit
 * status, the standard output and error. */
static int
run (char       **out,
     char       **err,
     const char  *first_arg,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, router_path ());
  g_ptr_array_add (args, g_strdup ("staffing"));
  va_start (ap, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

/* The one JSON object printed; its members in order. */
static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_nonnull (text);
  g_assert_true (g_str_has_suffix (text, "}\n"));
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

static void
assert_members (JsonObject  *object,
                const char **expected)
{
  g_autoptr(GList) members = json_object_get_members (object);
  GList *l = members;

  for (guint i = 0; expected[i] != NULL; i++, l = l->next)
    {
      g_assert_nonnull (l);
      g_assert_cmpstr (l->data, ==, expected[i]);
    }
  g_assert_null (l);
}

static void
test_agents_erlang_c (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonObject) o = NULL;
  const char *keys[] = { "agents", "p_wait", "service_level", "asa_s", "occupancy",
                         "scheduled_agents", NULL };

  g_assert_cmpint (run (&out, &err, "--calls", "100", "--interval-s", "1800", "--aht-s", "180",
                        "--target-s", "20", "--agents", "14", NULL), ==, 0);
  o = parse_object (out);
  assert_members (o, keys);
  g_assert_cmpint (json_object_get_int_member (o, "agents"), ==, 14);
  /* Issue 6's known values, 1e-6 on probabilities. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "p_wait"), 0.1741319, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "service_level"), 0.8883500, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "occupancy"), 0.7142857, 1e-6);
  /* ASA = C × AHT / (N − A) = 0.1741319 × 180 / 4 */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "asa_s"), 7.836, 1e-3);
  g_assert_cmpint (json_object_get_int_member (o, "scheduled_agents"), ==, 14);
}

static void
test_target_shrinkage (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonObject) o = NULL;

  /* 80/20 with 30 % shrinkage → 14 agents, 20 scheduled. */
  g_assert_cmpint (run (&out, &err, "--calls", "100", "--interval-s", "1800", "--aht-s", "180",
                        "--target-s", "20", "--target-sl", "0.8", "--shrinkage", "0.3", NULL), ==, 0);
  o = parse_object (out);
  g_assert_cmpint (json_object_get_int_member (o, "agents"), ==, 14);
  g_assert_cmpint (json_object_get_int_member (o, "scheduled_agents"), ==, 20);
  g_assert_false (json_object_has_member (o, "p_abandon"));
  g_clear_pointer (&o, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An occupancy cap of 65 % binds: 16. */
  g_assert_cmpint (run (&out, &err, "--calls", "100", "--interval-s", "1800", "--aht-s", "180",
                        "--target-s", "20", "--target-sl", "0.8", "--max-occupancy", "0.65", NULL), ==, 0);
  o = parse_object (out);
  g_assert_cmpint (json_object_get_int_member (o, "agents"), ==, 16);
}

static void
test_erlang_a (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonObject) o = NULL;
  const char *keys[] = { "agents", "p_wait", "service_level", "asa_s", "p_abandon", "occupancy",
                         "scheduled_agents", NULL };

  g_assert_cmpint (run (&out, &err, "--calls", "100", "--interval-s", "1800", "--aht-s", "180",
                        "--target-s", "20", "--agents", "14", "--patience-s", "300", NULL), ==, 0);
  o = parse_object (out);
  assert_members (o, keys);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "p_wait"), 0.145260, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "p_abandon"), 0.013984, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "service_level"), 0.916792, 1e-6);
  g_clear_pointer (&o, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The fewest agents losing at most 2 %: 14 loses 1.4 %, 13 more than 2 %. */
  g_assert_cmpint (run (&out, &err, "--calls", "100", "--interval-s", "1800", "--aht-s", "180",
                        "--target-s", "20", "--max-abandon", "0.02", "--patience-s", "300", NULL), ==, 0);
  o = parse_object (out);
  g_assert_cmpfloat (json_object_get_double_member (o, "p_abandon"), <=, 0.02);
}

static void
test_unstable (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonObject) o = NULL;

  /* 9 agents for 10 Erl in Erlang C: no steady state; asa_s is null. */
  g_assert_cmpint (run (&out, &err, "--calls", "100", "--interval-s", "1800", "--aht-s", "180",
                        "--target-s", "20", "--agents", "9", NULL), ==, 0);
  o = parse_object (out);
  g_assert_true (json_object_get_null_member (o, "asa_s"));
  g_assert_cmpfloat (json_object_get_double_member (o, "p_wait"), ==, 1.0);
  g_assert_cmpfloat (json_object_get_double_member (o, "service_level"), ==, 0.0);
  g_assert_nonnull (strstr (err, "no steady state"));
}

static void
test_bad_arguments (void)
{
  const struct { const char *args[12]; const char *message; } cases[] = {
    { { "--interval-s", "1800", "--aht-s", "180", "--target-s", "20", "--agents", "3" }, "--calls is required" },
    { { "--calls", "x", "--interval-s", "1800", "--aht-s", "180", "--target-s", "20", "--agents", "3" }, "not a number" },
    { { "--calls", "10", "--interval-s", "0", "--aht-s", "180", "--target-s", "20", "--agents", "3" }, "--interval-s must be > 0" },
    { { "--calls", "10", "--interval-s", "900", "--aht-s", "180", "--target-s", "20", "--target-sl", "80" }, "--target-sl must be > 0 and < 1" },
    { { "--calls", "10", "--interval-s", "900", "--aht-s", "180", "--target-s", "20" }, "give --agents N, or a target" },
    { { "--calls", "10", "--interval-s", "900", "--aht-s", "180", "--target-s", "20", "--agents", "3", "--target-sl", "0.8" }, "not both" },
    { { "--calls", "10", "--interval-s", "900", "--aht-s", "180", "--target-s", "20", "--agents", "0" }, "--agents must be a whole number" },
    { { "--calls", "10", "--interval-s", "900", "--aht-s", "180", "--target-s", "20", "--agents", "3", "--max-occupancy", "0.8" }, "needs a target" },
    { { "--calls", "10", "--interval-s", "900", "--aht-s", "180", "--target-s", "20", "--max-abandon", "0.05" }, "needs --patience-s" },
    { { "--calls", "10", "--interval-s", "900", "--aht-s", "180", "--target-s", "20", "--agents", "3", "--shrinkage", "1" }, "--shrinkage must be" },
    { { "--calls", "10", "--interval-s", "900", "--aht-s", "180", "--target-s", "20", "--agents", "3", "extra" }, "unexpected argument" },
    { { "--calls", "10", "--bogus" }, "Unknown option" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      const char * const *a = cases[i].args;

      g_assert_cmpint (run (&out, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8],
                            a[9], a[10], a[11], NULL), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_test_message ("%s", err);
      g_assert_nonnull (strstr (err, cases[i].message));
    }
}

static void
test_unreachable (void)
{
  g_autofree char *out = NULL, *err = NULL;

  /* A million Erlangs need more agents than the search considers. */
  g_assert_cmpint (run (&out, &err, "--calls", "1000000", "--interval-s", "180", "--aht-s", "180",
                        "--target-s", "20", "--target-sl", "0.8", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "no head count"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/staffing-cmd/agents-erlang-c", test_agents_erlang_c);
  g_test_add_func ("/staffing-cmd/target-shrinkage", test_target_shrinkage);
  g_test_add_func ("/staffing-cmd/erlang-a", test_erlang_a);
  g_test_add_func ("/staffing-cmd/unstable", test_unstable);
  g_test_add_func ("/staffing-cmd/bad-arguments", test_bad_arguments);
  g_test_add_func ("/staffing-cmd/unreachable", test_unreachable);

  return g_test_run ();
}
