package io.obspipe.worker.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WorkspaceTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/abs/olute.csv", "..", "a/b/..", "back\\slash\\..\\x", "x/\u0000/y", ""})
    void anyKeyMapsToFilesDirectlyInsideTheWorkFolders(String key) {
        Workspace workspace = new Workspace(root.resolve("down"), root.resolve("up"));

        Workspace.TaskFiles files = workspace.allocate(key);

        assertThat(files.download().getParent()).isEqualTo(root.resolve("down").toAbsolutePath());
        assertThat(files.upload().getParent()).isEqualTo(root.resolve("up").toAbsolutePath());
        assertThat(files.download().getFileName().toString()).doesNotStartWith(".");
    }

    @Test
    void twoTasksForTheSameKeyGetDifferentFiles() {
        Workspace workspace = new Workspace(root.resolve("down"), root.resolve("up"));

        assertThat(workspace.allocate("data/a.csv").download()).isNotEqualTo(workspace.allocate("data/a.csv").download());
    }

    @Test
    void deleteRemovesBothFiles() throws IOException {
        Workspace workspace = new Workspace(root.resolve("down"), root.resolve("up"));
        Workspace.TaskFiles files = workspace.allocate("data/a.csv");
        Files.writeString(files.download(), "x");
        Files.writeString(files.upload(), "y");

        files.delete();

        assertThat(files.download()).doesNotExist();
        assertThat(files.upload()).doesNotExist();
    }

    @Test
    void keepsTheReadableEndOfTheKeyInTheName() {
        assertThat(Workspace.safeName("data/2024/Sales Report.csv")).isEqualTo("Sales_Report.csv");
    }
}
