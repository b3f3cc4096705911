package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.queue.LoopbackPorts;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 'worker --web': a real worker JVM serves the console, and stops it when it shuts down. */
class WorkerWebIT {
  @RegisterExtension final ChildJvms children = new ChildJvms();

  @RegisterExtension final QueueWorld world = new QueueWorld(5);

  @Test
  void theConsoleRunsInsideTheWorkerAndStopsWithIt() throws Exception {
    int port = LoopbackPorts.free();
    ChildJvms.Child worker =
        children.start(
            "worker",
            world.ws().root(),
            world.ws().tmp(),
            world.env(),
            "worker",
            "-Q",
            "reconcile,alerts",
            "-c",
            "1",
            "--web",
            "--bind",
            "127.0.0.1:" + port);
    HttpClient http = HttpClient.newHttpClient();
    URI overview = URI.create("http://127.0.0.1:" + port + "/");
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> get(http, overview).statusCode() == 200);
    String task = world.probe().send(TaskCatalog.PING, List.of());
    await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(world.probe().state(task)));
    String page = get(http, URI.create("http://127.0.0.1:" + port + "/tasks/" + task)).body();
    assertThat(page).contains("SUCCESS").contains(":" + worker.pid() + "-");
    assertThat(get(http, URI.create("http://127.0.0.1:" + port + "/metrics")).body())
        .contains("reconciler_workers_alive 1");

    worker.terminate();
    assertThat(worker.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(worker.process().exitValue()).isZero();
    try (ServerSocket again =
        new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).as("the console's port is free again").isEqualTo(port);
    }
  }

  private static HttpResponse<String> get(HttpClient http, URI uri)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
