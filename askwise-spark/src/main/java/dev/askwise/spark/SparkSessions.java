package dev.askwise.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Spark sessions the way Askwise starts them. */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * A session on the given master, or on the one spark-submit set ({@code spark.master}), or on {@code local[*]}.
     * A local master is bound to loopback with no web UI ({@code spark.driver.bindAddress} and
     * {@code spark.driver.host} 127.0.0.1, {@code spark.ui.enabled} false) unless those are set explicitly; a cluster
     * master keeps Spark's defaults, since executors must reach the driver.
     *
     * @param master a master URL or null
     */
    public static SparkSession start(String master) {
        SparkConf conf = new SparkConf().setAppName("askwise");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
