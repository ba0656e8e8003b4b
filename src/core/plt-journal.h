/* plt-journal.h — an append-only local journal of planning edits, one
 * JSON object per line, each synced to disk (docs/planning.md, "Journal")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _PltJournal PltJournal;

/* Returns: (transfer full): g_get_user_state_dir()/plateau/journal/
 * <router>/<team>.jsonl, where @router (e.g. "127.0.0.1:8765") and @team
 * are made safe as file names (anything but letters, digits, '-' and
 * '.' becomes '_'). The directories are not created here. */
char       *plt_journal_default_path (const char  *router,
                                      const char  *team);

/* Opens @path for appending, creating it and its directories (0700) if
 * needed. Returns: (transfer full) (nullable) */
PltJournal *plt_journal_open         (const char  *path,
                                      GError     **error);
void        plt_journal_free         (PltJournal  *self);
const char *plt_journal_get_path     (PltJournal  *self);

/* Appends @record (an object) as one line and syncs it to disk
 * (fdatasync) before returning: once it returns TRUE, a crash keeps it. */
gboolean    plt_journal_append       (PltJournal  *self,
                                      JsonNode    *record,
                                      GError     **error);
/* Replaces the whole journal by @records (element-type JsonNode): written
 * to a temporary file, synced, renamed over the journal, the directory
 * synced; a crash at any point leaves either the old or the new journal. */
gboolean    plt_journal_rewrite      (PltJournal  *self,
                                      GPtrArray   *records,
                                      GError     **error);
/* Bytes appended since it was opened or rewritten. */
gsize       plt_journal_get_size     (PltJournal  *self);

/* Reads the journal at @path: every complete line, in order. A last line
 * cut short by a crash (no newline, or not JSON) is skipped and counted
 * in @n_torn; a broken line before the last is an error (the file is not
 * a journal). Returns: (transfer full) (element-type JsonNode) (nullable) */
GPtrArray  *plt_journal_read         (const char  *path,
                                      guint       *n_torn,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltJournal, plt_journal_free)

G_END_DECLS
