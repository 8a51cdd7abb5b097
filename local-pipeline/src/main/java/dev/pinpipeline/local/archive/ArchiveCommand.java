package dev.pinpipeline.local.archive;

import dev.pinpipeline.cli.HelpConvention;
import dev.pinpipeline.events.ArchiveKeys;
import dev.pinpipeline.local.ProjectLayout;
import dev.pinpipeline.local.StackOptions;
import dev.pinpipeline.local.infra.S3Clients;
import dev.pinpipeline.local.infra.S3Session;
import dev.pinpipeline.local.status.ArchiveCounter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code ./pipeline archive ls}: the raw archive's objects, with their sizes and event counts. */
@Command(
        name = "archive",
        mixinStandardHelpOptions = true,
        subcommands = ArchiveCommand.Ls.class,
        description = "Inspect the local raw archive (S3Proxy).")
public final class ArchiveCommand {

    @Mixin
    HelpConvention helpConvention;

    @Command(
            name = "ls",
            mixinStandardHelpOptions = true,
            description = "List the archive objects (key, bytes, events); --date limits to one day.")
    static final class Ls implements Callable<Integer> {

        @Mixin
        HelpConvention helpConvention;

        @Mixin
        StackOptions stack;

        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Only this day (dt= partition).")
        String date;

        @Override
        public Integer call() {
            ProjectLayout layout = ProjectLayout.locate();
            try (S3Session session = S3Session.open(stack.dataDir(layout), stack.s3Port, stack.bucket);
                    S3Client s3 = S3Clients.local(
                            session.endpoints().s3Endpoint(),
                            session.endpoints().s3AccessKey(),
                            session.endpoints().s3SecretKey(),
                            session.endpoints().s3Region())) {
                String prefix = ArchiveKeys.raw().topicDir(stack.topic) + (date == null ? "" : "dt=" + date + "/");
                ArchiveCounter counter = new ArchiveCounter(s3, stack.bucket, stack.topic);
                long objects = 0;
                long bytes = 0;
                long events = 0;
                for (S3Object o : s3.listObjectsV2Paginator(
                                r -> r.bucket(stack.bucket).prefix(prefix))
                        .contents()) {
                    long lines = o.key().endsWith(".jsonl.gz") ? counter.countLines(o.key()) : 0;
                    System.out.printf(
                            Locale.ROOT, "%10d B %7d events  s3://%s/%s%n", o.size(), lines, stack.bucket, o.key());
                    objects++;
                    bytes += o.size();
                    events += lines;
                }
                System.out.printf(
                        Locale.ROOT,
                        "%d objects, %,d bytes, %,d events under s3://%s/%s%n",
                        objects,
                        bytes,
                        events,
                        stack.bucket,
                        prefix);
                System.out.printf(
                        "With the AWS CLI: AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s aws --endpoint-url %s "
                                + "s3 ls --recursive s3://%s/%s%n",
                        session.endpoints().s3AccessKey(),
                        session.endpoints().s3SecretKey(),
                        session.endpoints().s3Endpoint(),
                        stack.bucket,
                        prefix);
                return 0;
            }
        }
    }
}
