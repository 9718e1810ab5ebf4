package org.calorimeter.core.config;

import java.io.Serializable;
import org.calorimeter.core.model.Activation;

/**
 * The model family and its teacher. For {@code linear} the teacher is a linear map and
 * {@code activation}/{@code teacherWidth} are not used.
 */
public record ModelSpec(Family family, int inputDim, Activation activation, int teacherWidth, double labelNoise)
        implements Serializable {
}
