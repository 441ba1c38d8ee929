package dev.askwise.dialogue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * LangChain4j's quantized all-MiniLM-L6-v2 (the same ONNX file, tokenizer and mean pooling as
 * {@link AllMiniLmL6V2QuantizedEmbeddingModel}) in an ONNX Runtime session with one intra-op thread that does not
 * spin: an answer is one short sentence, and on a shared machine the default session (a spinning thread per core)
 * burns cores and waits for them, which made the latency tail several times longer. Thread-safe (ONNX Runtime
 * sessions are).
 */
final class QuantizedMiniLm extends AbstractInProcessEmbeddingModel {

    private final OnnxBertBiEncoder encoder;

    QuantizedMiniLm() {
        super(Runnable::run);
        ClassLoader cl = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader();
        try (InputStream model = cl.getResourceAsStream("all-minilm-l6-v2-q.onnx");
             InputStream tokenizer = cl.getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException("the quantized all-MiniLM-L6-v2 model is not on the class path");
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            OrtSession session = env.createSession(model.readAllBytes(), options);
            encoder = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the quantized all-MiniLM-L6-v2 model: " + e.getMessage(), e);
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return 384;
    }
}
