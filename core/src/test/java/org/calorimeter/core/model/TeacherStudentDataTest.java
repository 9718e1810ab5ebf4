package org.calorimeter.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.calorimeter.core.config.Family;
import org.calorimeter.core.config.ModelSpec;
import org.junit.jupiter.api.Test;

class TeacherStudentDataTest {
    private final ModelSpec spec = new ModelSpec(Family.MLP, 8, Activation.TANH, 2, 0.1);

    @Test
    void smallerDataSetIsThePrefixOfTheLarger() {
        Dataset big = TeacherStudentData.generate(7L, 1, spec, 256);
        Dataset small = TeacherStudentData.generate(7L, 1, spec, 128);
        assertArrayEquals(Arrays.copyOf(big.inputs(), 128 * 8), small.inputs());
        assertArrayEquals(Arrays.copyOf(big.labels(), 128), small.labels());
    }

    @Test
    void replicasSeeDifferentDataAndTeachers() {
        Dataset a = TeacherStudentData.generate(7L, 0, spec, 16);
        Dataset b = TeacherStudentData.generate(7L, 1, spec, 16);
        assertFalse(Arrays.equals(a.labels(), b.labels()));
        assertFalse(Arrays.equals(TeacherStudentData.teacher(7L, 0, spec), TeacherStudentData.teacher(7L, 1, spec)));
    }
}
