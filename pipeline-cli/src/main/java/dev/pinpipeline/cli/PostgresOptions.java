package dev.pinpipeline.cli;

import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_PASSWORD;
import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_PASSWORD_DEFAULT;
import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_URL;
import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_URL_DEFAULT;
import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_USER;
import static dev.pinpipeline.events.SharedEnvironment.POSTGRES_USER_DEFAULT;

import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** The PostgreSQL database, from the shared environment variables unless given on the command line. */
public final class PostgresOptions {

    @Option(
            names = "--postgres-url",
            paramLabel = "JDBC_URL",
            defaultValue = "${env:" + POSTGRES_URL + ":-" + POSTGRES_URL_DEFAULT + "}",
            description = "PostgreSQL JDBC URL (env " + POSTGRES_URL + ").")
    public String url;

    @Option(
            names = "--postgres-user",
            paramLabel = "USER",
            defaultValue = "${env:" + POSTGRES_USER + ":-" + POSTGRES_USER_DEFAULT + "}",
            description = "PostgreSQL user (env " + POSTGRES_USER + ").")
    public String user;

    /** Never shown in the help: its default may come from the environment. */
    @Option(
            names = "--postgres-password",
            paramLabel = "PASSWORD",
            arity = "0..1",
            defaultValue = "${env:" + POSTGRES_PASSWORD + ":-" + POSTGRES_PASSWORD_DEFAULT + "}",
            showDefaultValue = Visibility.NEVER,
            description = "PostgreSQL password (env " + POSTGRES_PASSWORD + ").")
    public String password;

    /** The password, empty when {@code --postgres-password} was given without a value. */
    public String passwordOrEmpty() {
        return password == null ? "" : password;
    }
}
