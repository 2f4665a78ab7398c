package io.obspipe.analysis.keypool;

import io.obspipe.platform.config.PipelineConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the key pool file (ANALYSIS_KEYS_FILE), the seed's {@code config/api_keys.yaml} shape:
 * <pre>
 * selection_strategy: least_loaded      # optional; ANALYSIS_KEY_STRATEGY wins
 * cooling: {min_cooldown: 5, max_cooldown: 60}   # optional, seconds
 * keys:
 *   - id: key-001
 *     api_key: ${OPENAI_KEY_1}          # or the key itself
 *     priority: 1
 *     qps_limit: 10
 *     rpm_limit: 600
 *     tpm_limit: 200000                 # optional
 *     enabled: true                     # optional
 * </pre>
 * A malformed file fails startup with one sentence; a key whose variable is unset, or that is disabled, is left out
 * with a warning, and startup fails when no key is left.
 */
public final class KeyFile {

    private static final Logger log = LoggerFactory.getLogger(KeyFile.class);
    private static final String VARIABLE = "ANALYSIS_KEYS_FILE";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** What the file says besides its keys: null where it is silent. */
    public record Contents(List<ApiKeySpec> keys, String selectionStrategy, Duration minCoolDown, Duration maxCoolDown) {
    }

    private KeyFile() {
    }

    public static Contents load(Path file, Function<String, String> environment) {
        if (file == null || file.toString().isBlank()) {
            throw new PipelineConfigurationException(VARIABLE + " is not set; the analysis worker needs a key file when "
                    + "ANALYSIS_FILE_TYPES or ANALYSIS_PREFIXES route files to analysis.");
        }
        Object root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new PipelineConfigurationException(VARIABLE + " " + file + " cannot be read: " + e.getMessage() + ".", e);
        } catch (YAMLException e) {
            throw malformed(file, "is not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("keys") instanceof List<?> entries)) {
            throw malformed(file, "has no 'keys' list");
        }
        List<ApiKeySpec> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw malformed(file, "has key entry " + (i + 1) + " that is not a map of id, api_key, priority, qps_limit, rpm_limit");
            }
            ApiKeySpec key = key(file, i + 1, entry, environment);
            if (!ids.add(key.id())) {
                throw malformed(file, "names key id '" + key.id() + "' twice");
            }
            if (key.apiKey() != null) {
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            throw new PipelineConfigurationException(VARIABLE + " " + file + " has no usable key: each is disabled or its "
                    + "api_key names an unset variable.");
        }
        Map<?, ?> cooling = top.get("cooling") instanceof Map<?, ?> map ? map : Map.of();
        Duration min = seconds(file, "cooling.min_cooldown", cooling.get("min_cooldown"));
        Duration max = seconds(file, "cooling.max_cooldown", cooling.get("max_cooldown"));
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw malformed(file, "has cooling.min_cooldown above cooling.max_cooldown");
        }
        Object strategy = top.get("selection_strategy");
        return new Contents(List.copyOf(keys), strategy == null ? null : strategy.toString(), min, max);
    }

    /** The key, with a null secret when it is disabled or its variable is unset (it is then left out). */
    private static ApiKeySpec key(Path file, int number, Map<?, ?> entry, Function<String, String> environment) {
        Object rawId = entry.get("id");
        if (rawId == null || rawId.toString().isBlank()) {
            throw malformed(file, "has key entry " + number + " without an id");
        }
        String id = rawId.toString().strip();
        String where = "key '" + id + "'";
        int priority = positive(file, where, "priority", entry.get("priority"), 1);
        int qps = positive(file, where, "qps_limit", entry.get("qps_limit"), null);
        int rpm = positive(file, where, "rpm_limit", entry.get("rpm_limit"), null);
        Integer tpm = entry.get("tpm_limit") == null ? null : positive(file, where, "tpm_limit", entry.get("tpm_limit"), null);
        Object rawKey = entry.get("api_key");
        if (rawKey == null || rawKey.toString().isBlank()) {
            throw malformed(file, "has " + where + " without an api_key");
        }
        if (Boolean.FALSE.equals(entry.get("enabled"))) {
            log.atWarn().addKeyValue("key_id", id).log("API key {} is disabled in the key file and left out of the pool", id);
            return new ApiKeySpec(id, null, priority, qps, rpm, tpm);
        }
        Matcher reference = REFERENCE.matcher(rawKey.toString().strip());
        String secret = rawKey.toString().strip();
        if (reference.matches()) {
            secret = environment.apply(reference.group(1));
            if (secret == null || secret.isBlank()) {
                log.atWarn().addKeyValue("key_id", id).log("API key {} is left out of the pool: its variable {} is not set",
                        id, reference.group(1));
                return new ApiKeySpec(id, null, priority, qps, rpm, tpm);
            }
        }
        return new ApiKeySpec(id, secret.strip(), priority, qps, rpm, tpm);
    }

    private static int positive(Path file, String where, String field, Object value, Integer fallback) {
        if (value == null && fallback != null) {
            return fallback;
        }
        if (value instanceof Integer number && number > 0) {
            return number;
        }
        throw malformed(file, "has " + where + " with " + field + " " + (value == null ? "missing" : "'" + value + "'")
                + ", but it must be a whole number of at least 1");
    }

    private static Duration seconds(Path file, String field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number && number.doubleValue() > 0) {
            return Duration.ofMillis(Math.round(number.doubleValue() * 1000));
        }
        throw malformed(file, "has " + field + " '" + value + "', but it must be a number of seconds above 0");
    }

    private static PipelineConfigurationException malformed(Path file, String problem) {
        return new PipelineConfigurationException(VARIABLE + " " + file + " " + problem + ".");
    }
}
