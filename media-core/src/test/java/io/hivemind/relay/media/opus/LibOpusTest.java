package io.hivemind.relay.media.opus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibOpusTest {

    @TempDir
    Path dir;

    @Test
    void configuredLibraryIsUsed() throws IOException {
        Path configured = Files.createFile(dir.resolve("libopus.so.0"));
        assertThat(LibOpus.chooseLibrary(configured.toString())).isEqualTo(configured);
    }

    @Test
    void missingConfiguredLibraryIsAConfigurationError() {
        String missing = dir.resolve("nope.so").toString();
        assertThatThrownBy(() -> LibOpus.chooseLibrary(missing))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(LibOpus.LIBRARY_PROPERTY)
            .hasMessageContaining("nope.so");
    }

    @Test
    void bundledCopyWhenNothingConfigured() {
        assertThat(LibOpus.chooseLibrary(null)).isNull();
        assertThat(LibOpus.chooseLibrary(" ")).isNull();
    }

    @Test
    void loadedLibraryAnswers() {
        assertThat(LibOpus.opus_get_version_string()).startsWith("libopus ");
    }
}
