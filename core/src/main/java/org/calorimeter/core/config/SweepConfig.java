package org.calorimeter.core.config;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** A whole sweep, validated and with every default resolved. Build it with {@link ConfigLoader}. */
public record SweepConfig(String name, long seed, ModelSpec model, PriorSpec prior, GridSpec grid,
                          SamplerSpec sampler, TrainingSpec training) implements Serializable {

    /** The resolved config as an ordered map (every default filled in): what is hashed and written out. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("seed", seed);
        Map<String, Object> model = new LinkedHashMap<>();
        Family family = this.model.family();
        model.put("family", family.key());
        if (family == Family.LINEAR || family == Family.MLP) model.put("input_dim", this.model.inputDim());
        if (family == Family.LINEAR) model.put("bias", this.model.bias());
        if (family == Family.MLP) {
            model.put("activation", this.model.activation().key());
            model.put("teacher_width", this.model.teacherWidth());
            if (this.grid.depths().size() == 1) model.put("depth", this.model.depth());
        }
        if (family == Family.DEEP_LINEAR) {
            model.put("widths", this.model.layers());
            model.put("teacher_rank", this.model.teacherRank());
        }
        if (family.hasData()) model.put("label_noise", this.model.labelNoise());
        DataSpec data = this.model.data();
        if (data != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("format", data.format());
            d.put("path", data.path());
            d.put("features", data.features());
            d.put("label", data.label());
            model.put("data", d);
        }
        m.put("model", model);
        Map<String, Object> prior = new LinkedHashMap<>();
        if (!this.prior.flat()) prior.put("sigma", this.prior.sigma());
        m.put("prior", prior);
        Map<String, Object> grid = new LinkedHashMap<>();
        if (!(family == Family.DEEP_LINEAR && this.grid.widths().equals(java.util.List.of(0)))) {
            grid.put("width", this.grid.widths());
        }
        if (this.grid.depths().size() > 1) grid.put("depth", this.grid.depths());
        if (family.hasData()) grid.put("data_size", this.grid.dataSizes());
        grid.put("temperature", this.grid.temperatures());
        grid.put("replicas", this.grid.replicas());
        m.put("grid", grid);
        Map<String, Object> sampler = new LinkedHashMap<>();
        sampler.put("kind", this.sampler.kind().key());
        if (this.sampler.kind().langevin()) {
            sampler.put("step_size", this.sampler.autoStep() ? "auto" : this.sampler.stepSize());
            sampler.put("localization", this.sampler.localization());
            sampler.put("fisher_top", this.sampler.fisherTop());
        }
        if (this.sampler.kind() == SamplerKind.HMC) sampler.put("leapfrog", this.sampler.leapfrog());
        ExchangeSpec x = this.sampler.exchange();
        if (x.on()) {
            Map<String, Object> exchange = new LinkedHashMap<>();
            exchange.put("every", x.every());
            exchange.put("ladder", x.autoLadder() ? "auto" : "grid");
            exchange.put("target", x.target());
            exchange.put("max_temperatures", x.maxTemperatures());
            sampler.put("exchange", exchange);
        } else {
            sampler.put("exchange", false);
        }
        sampler.put("burn_in", this.sampler.burnIn());
        sampler.put("steps", this.sampler.steps());
        sampler.put("thin", this.sampler.thin());
        sampler.put("chains", this.sampler.chains());
        sampler.put("trace_length", this.sampler.traceLength());
        if (this.sampler.kind() == SamplerKind.SGLD) sampler.put("batch_size", this.sampler.batchSize());
        m.put("sampler", sampler);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("max_iterations", this.training.maxIterations());
        training.put("tolerance", this.training.tolerance());
        training.put("mode_iterations", this.training.modeIterations());
        m.put("training", training);
        return m;
    }

    /** The resolved config as YAML; loading it back gives an equal record. */
    public String toYaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(200);
        return new Yaml(options).dump(toMap());
    }

    /** SHA-256 of the resolved YAML, hex, first 16 characters: the provenance key carried by every row. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toYaml().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
