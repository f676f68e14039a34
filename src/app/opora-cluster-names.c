/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Names and pins the clusters of a stored run and says how each follows from the run it was matched to. */

#include <glib/gi18n.h>
#include <math.h>

#include "opora-analysis-store.h"
#include "opora-cluster-names.h"
#include "opora-table-row.h"
#include "opora-toast.h"

struct _OporaClusterNames
{
  AdwBin         parent_instance;

  /* Template widgets */
  GtkLabel      *match_label;
  GtkListBox    *cluster_list;

  /* Borrowed: the Clusters section owns both and sets new ones before freeing these */
  OporaDb       *db;
  OporaAnalysis *analysis;
};

G_DEFINE_FINAL_TYPE (OporaClusterNames, opora_cluster_names, ADW_TYPE_BIN)

enum {
  SIGNAL_RENAMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The widgets of one cluster's row, kept on the row. */
typedef struct {
  int              cluster;
  GtkEditable     *entry;
  GtkToggleButton *pin;
  GtkWidget       *apply;
} RowWidgets;

static RowWidgets *
row_widgets (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "opora-cluster-row");
}

static OporaClusterInfo *
info_of (OporaClusterNames *self,
         int                cluster)
{
  return &g_array_index (self->analysis->clusters, OporaClusterInfo, cluster - 1);
}

/* Why the names cannot be changed, or NULL. */
static const char *
why_read_only (OporaClusterNames *self)
{
  if (self->db == NULL || opora_db_is_read_only (self->db))
    return _("The workspace is read-only: the names cannot be changed.");
  if (self->analysis->id == 0)
    return _("This analysis is not saved: its clusters cannot be named.");
  return NULL;
}

static void
update_apply (OporaClusterNames *self,
              RowWidgets        *w)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (w->entry)));
  const char *name = info_of (self, w->cluster)->name;

  gtk_widget_set_visible (w->apply, g_strcmp0 (text, name != NULL ? name : "") != 0);
}

/* Stores the row's name and pin for the run shown; the analysis takes them
 * too, so that every table shows the new name. */
static void
save_row (OporaClusterNames *self,
          RowWidgets        *w)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (w->entry)));
  gboolean pinned = gtk_toggle_button_get_active (w->pin);
  OporaClusterInfo *info = info_of (self, w->cluster);
  g_autoptr(GError) error = NULL;

  if (why_read_only (self) != NULL)
    return;
  if (!opora_analysis_name_cluster (self->db, self->analysis->id, w->cluster, text, pinned, &error))
    {
      opora_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  g_free (info->name);
  info->name = *text != '\0' ? g_steal_pointer (&text) : NULL;
  info->pinned = pinned;
  update_apply (self, w);
  g_signal_emit (self, signals[SIGNAL_RENAMED], 0, w->cluster);
}

static void
entry_changed_cb (GtkEditable       *entry,
                  OporaClusterNames *self)
{
  update_apply (self, row_widgets (gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_LIST_BOX_ROW)));
}

static void
entry_activate_cb (GtkEntry          *entry,
                   OporaClusterNames *self)
{
  save_row (self, row_widgets (gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_LIST_BOX_ROW)));
}

static void
apply_clicked_cb (GtkButton         *button,
                  OporaClusterNames *self)
{
  save_row (self, row_widgets (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW)));
}

static void
pin_toggled_cb (GtkToggleButton   *pin,
                OporaClusterNames *self)
{
  RowWidgets *w = row_widgets (gtk_widget_get_ancestor (GTK_WIDGET (pin), GTK_TYPE_LIST_BOX_ROW));

  if (w != NULL && gtk_toggle_button_get_active (pin) != info_of (self, w->cluster)->pinned)
    save_row (self, w);
}

/* "Previously 2: centre moved by 0.31, 85 % of its schools kept", with
 * "Changed materially" first when it did: in words, not only by colour. */
static char *
match_text (const OporaClusterInfo *info)
{
  g_autofree char *shift = opora_format_number (info->shift, 2, FALSE);
  g_autofree char *kept = opora_format_number (100 * info->kept, 0, FALSE);

  if (info->previous == 0)
    return g_strdup (_("New: it matches no cluster of the previous analysis"));
  if (isnan (info->shift))
    return info->changed
      /* Translators: a cluster against the one it matched in the previous analysis; %% is a per cent sign. */
      ? g_strdup_printf (_("Changed materially (previously %d): %s %% of its schools kept"), info->previous, kept)
      : g_strdup_printf (_("Previously %d: %s %% of its schools kept"), info->previous, kept);
  return info->changed
    /* Translators: a cluster against the one it matched in the previous analysis; %% is a per cent sign. */
    ? g_strdup_printf (_("Changed materially (previously %d): centre moved by %s, %s %% of its schools kept"),
                       info->previous, shift, kept)
    : g_strdup_printf (_("Previously %d: centre moved by %s, %s %% of its schools kept"), info->previous, shift, kept);
}

static guint
cluster_size (const OporaAnalysis *a,
              int                  cluster)
{
  guint n = 0;

  for (guint i = 0; i < a->members->len; i++)
    n += g_array_index (a->members, OporaMember, i).cluster == cluster;
  return n;
}

static char *
row_title (const OporaAnalysis *a,
           int                  cluster)
{
  guint n = cluster_size (a, cluster);

  if (a->params->model == OPORA_MODEL_QUADRANT)
    /* Translators: a row of the cluster names: "Quadrant 2 · 9 schools". */
    return g_strdup_printf (ngettext ("Quadrant %d · %u school", "Quadrant %d · %u schools", n), cluster, n);
  /* Translators: a row of the cluster names: "Cluster 2 · 9 schools". */
  return g_strdup_printf (ngettext ("Cluster %d · %u school", "Cluster %d · %u schools", n), cluster, n);
}

/* What the tables show for @cluster without a name of the user's: a
 * quadrant's or a regression group's own name, or NULL. */
static const char *
fallback_name (OporaAnalysis *a,
               int            cluster)
{
  OporaClusterInfo *info = &g_array_index (a->clusters, OporaClusterInfo, cluster - 1);
  char *given = g_steal_pointer (&info->name);
  const char *fallback = opora_analysis_cluster_name (a, cluster);

  info->name = given;
  return fallback;
}

static GtkWidget *
name_entry_new (OporaClusterNames *self,
                int                cluster)
{
  const OporaClusterInfo *info = info_of (self, cluster);
  const char *fallback = fallback_name (self->analysis, cluster);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *id = g_strdup_printf ("cluster_name_%d", cluster);
  /* Translators: the accessible label of a cluster's name entry. */
  g_autofree char *label = g_strdup_printf (_("Name of cluster %d"), cluster);

  gtk_widget_set_name (entry, id);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 28);
  gtk_editable_set_text (GTK_EDITABLE (entry), info->name != NULL ? info->name : "");
  /* Translators: the placeholder of a cluster's name entry when the cluster has no name. */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), fallback != NULL ? fallback : _("No name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), self);
  return entry;
}

static GtkWidget *
pin_new (OporaClusterNames *self,
         int                cluster)
{
  GtkWidget *pin = gtk_toggle_button_new ();
  g_autofree char *id = g_strdup_printf ("cluster_pin_%d", cluster);

  gtk_widget_set_name (pin, id);
  gtk_widget_set_valign (pin, GTK_ALIGN_CENTER);
  gtk_button_set_icon_name (GTK_BUTTON (pin), "view-pin-symbolic");
  gtk_widget_set_tooltip_text (pin, _("Pin the name: later runs keep it even when the cluster changes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (pin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pin the name"), -1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (pin), info_of (self, cluster)->pinned);
  gtk_widget_add_css_class (pin, "flat");
  g_signal_connect (pin, "toggled", G_CALLBACK (pin_toggled_cb), self);
  return pin;
}

static GtkWidget *
apply_new (OporaClusterNames *self)
{
  GtkWidget *apply = gtk_button_new_from_icon_name ("object-select-symbolic");

  gtk_widget_set_valign (apply, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (apply, _("Save the name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (apply), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save the name"), -1);
  gtk_widget_add_css_class (apply, "suggested-action");
  gtk_widget_set_visible (apply, FALSE);
  g_signal_connect (apply, "clicked", G_CALLBACK (apply_clicked_cb), self);
  return apply;
}

static GtkWidget *
cluster_row_new (OporaClusterNames *self,
                 int                cluster)
{
  const OporaClusterInfo *info = info_of (self, cluster);
  GtkWidget *row = adw_action_row_new ();
  RowWidgets *w = g_new0 (RowWidgets, 1);
  g_autofree char *title = row_title (self->analysis, cluster);
  g_autofree char *subtitle = self->analysis->previous_run_id > 0 ? match_text (info) : NULL;

  w->cluster = cluster;
  w->entry = GTK_EDITABLE (name_entry_new (self, cluster));
  w->apply = apply_new (self);
  w->pin = GTK_TOGGLE_BUTTON (pin_new (self, cluster));
  g_object_set_data_full (G_OBJECT (row), "opora-cluster-row", w, g_free);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (self->analysis->previous_run_id > 0 && info->changed)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, _("Changed materially since the previous analysis"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (w->entry));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), w->apply);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (w->pin));
  gtk_widget_set_sensitive (GTK_WIDGET (w->entry), why_read_only (self) == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (w->pin), why_read_only (self) == NULL);
  return row;
}

static char *
header_text (OporaClusterNames *self)
{
  const char *why = why_read_only (self);
  g_autofree char *kept = opora_format_number (100 * OPORA_CLUSTER_MIN_KEPT, 0, FALSE);
  g_autofree char *shift = opora_format_number (OPORA_CLUSTER_MAX_SHIFT, 1, FALSE);
  g_autofree char *text = NULL;

  if (self->analysis->previous_run_id > 0)
    /* Translators: above the cluster names of a run matched to an earlier one; %% is a per cent sign. */
    text = g_strdup_printf (_("Matched to analysis № %lld. A cluster changed materially when its centre moved by more than %s or it kept less than %s %% of its schools; a pinned name stays all the same."),
                            (long long) self->analysis->previous_run_id, shift, kept);
  else
    text = g_strdup (_("No earlier analysis of this model to match: the names given here follow the clusters into later runs."));
  return why != NULL ? g_strdup_printf ("%s %s", text, why) : g_steal_pointer (&text);
}

/**
 * opora_cluster_names_set_analysis:
 * @self: the names
 * @db: (nullable): the workspace of @analysis
 * @analysis: (nullable): the run shown; it takes the names given, and the
 *   caller keeps it alive while it is shown
 *
 * Shows a row per cluster of @analysis: its name and pin, and how it
 * follows from the run it was matched to.
 */
void
opora_cluster_names_set_analysis (OporaClusterNames *self,
                                  OporaDb           *db,
                                  OporaAnalysis     *analysis)
{
  GtkListBoxRow *old;
  g_autofree char *header = NULL;

  g_return_if_fail (OPORA_IS_CLUSTER_NAMES (self));

  while ((old = gtk_list_box_get_row_at_index (self->cluster_list, 0)) != NULL)
    gtk_list_box_remove (self->cluster_list, GTK_WIDGET (old));
  self->db = db;
  self->analysis = analysis;
  gtk_widget_set_visible (GTK_WIDGET (self), analysis != NULL);
  if (analysis == NULL)
    return;
  if (analysis->clusters == NULL || analysis->clusters->len < analysis->n_clusters)
    {
      g_clear_pointer (&analysis->clusters, g_array_unref);
      analysis->clusters = opora_analysis_new_clusters (analysis->n_clusters);
    }
  header = header_text (self);
  gtk_label_set_text (self->match_label, header);
  for (guint k = 1; k <= analysis->n_clusters; k++)
    gtk_list_box_append (self->cluster_list, cluster_row_new (self, k));
}

static void
opora_cluster_names_dispose (GObject *object)
{
  OporaClusterNames *self = (OporaClusterNames *) object;

  self->db = NULL;
  self->analysis = NULL;

  G_OBJECT_CLASS (opora_cluster_names_parent_class)->dispose (object);
}

static void
opora_cluster_names_class_init (OporaClusterNamesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opora_cluster_names_dispose;

  /**
   * OporaClusterNames::renamed:
   * @cluster: the cluster whose name or pin was stored
   *
   * The analysis shown has the new name; the tables show it again.
   */
  signals[SIGNAL_RENAMED] = g_signal_new ("renamed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-cluster-names.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, OporaClusterNames, match_label);
  gtk_widget_class_bind_template_child (widget_class, OporaClusterNames, cluster_list);
}

static void
opora_cluster_names_init (OporaClusterNames *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
