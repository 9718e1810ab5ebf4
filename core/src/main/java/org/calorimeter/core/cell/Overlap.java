package org.calorimeter.core.cell;

import org.calorimeter.core.config.Family;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.model.DeepLinearModel;
import org.calorimeter.core.model.Model;
import org.calorimeter.core.model.TeacherStudentData;

/**
 * The student-teacher overlap R of one sample, the cosine between what the student computes and the teacher:
 * {@code linear}: cos(w, w*) (a bias is left out, the teacher has none); {@code deep-linear}: the Frobenius cosine of
 * the end-to-end matrix W_L...W_1 with W*. Not defined (null) for {@code mlp} (hidden units have no canonical
 * alignment with the teacher's), for user data (no teacher) and for a rank-0 teacher.
 */
interface Overlap {
    double of(double[] theta);

    static Overlap of(SweepConfig config, CellKey key, Model model, boolean userData) {
        Family family = config.model().family();
        if (userData || !(family == Family.LINEAR || family == Family.DEEP_LINEAR)) return null;
        double[] teacher = TeacherStudentData.teacher(config.seed(), key.replica(), config.model());
        double norm = 0;
        for (double t : teacher) norm += t * t;
        if (norm == 0) return null;
        double teacherNorm = Math.sqrt(norm);
        if (family == Family.LINEAR) return theta -> cosine(theta, teacher, teacherNorm);
        DeepLinearModel deep = (DeepLinearModel) model;
        return theta -> cosine(deep.product(theta), teacher, teacherNorm);
    }

    private static double cosine(double[] a, double[] teacher, double teacherNorm) {
        double dot = 0;
        double sq = 0;
        for (int i = 0; i < teacher.length; i++) {
            dot += a[i] * teacher[i];
            sq += a[i] * a[i];
        }
        return sq == 0 ? 0.0 : dot / (Math.sqrt(sq) * teacherNorm);
    }
}
