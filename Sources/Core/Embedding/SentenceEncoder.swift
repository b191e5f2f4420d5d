import CVectorMath
import Foundation

/// all-MiniLM-L6-v2's forward pass: a 6-layer BERT encoder whose token vectors are averaged
/// over the sentence and scaled to unit length, so that the dot product of two vectors is
/// their cosine similarity. Its shape (layers, width, heads, epsilon, the longest input) is read
/// from the model's config files, its weights mapped from `model.safetensors`.
///
/// Written here because no Swift package on this machine's list runs a BERT model on Linux;
/// the matrix products go to OpenBLAS (`cblas_sgemm`, see `BLAS`), which does the arithmetic.
///
/// A batch is padded to its longest text and the padding masked out of attention and pooling,
/// so a text's vector does not depend on what it was batched with (a test holds it to 1e-5).
public final class SentenceEncoder: @unchecked Sendable {
    public let tokenizer: WordPieceTokenizer
    /// The length of each vector.
    public let dimension: Int
    /// The most word pieces a text is read to, `[CLS]` and `[SEP]` included.
    public let maximumLength: Int
    private let heads: Int
    private let intermediate: Int
    private let epsilon: Float
    private let tensors: SafeTensors
    private let embeddings: Embeddings
    private let layers: [Layer]
    private let counter = NSLock()
    private var encodedPieces = 0

    /// Word pieces this encoder has read, padding not counted: what `kq index` reports and
    /// the benchmark divides by the time the vectors added.
    public var piecesEncoded: Int { counter.withLock { encodedPieces } }

    public typealias Failure = SafeTensors.Failure

    private struct Embeddings {
        let words, positions, types, normWeight, normBias: UnsafeBufferPointer<Float>
    }

    private struct Layer {
        let query, queryBias, key, keyBias, value, valueBias: UnsafeBufferPointer<Float>
        let output, outputBias, attentionNormWeight, attentionNormBias: UnsafeBufferPointer<Float>
        let expand, expandBias, contract, contractBias, normWeight, normBias: UnsafeBufferPointer<Float>
    }

    private struct Config: Decodable {
        let hidden_size: Int
        let num_hidden_layers: Int
        let num_attention_heads: Int
        let intermediate_size: Int
        let layer_norm_eps: Double
        let vocab_size: Int
        let max_position_embeddings: Int
        let type_vocab_size: Int
        let hidden_act: String
    }

    private struct SentenceConfig: Decodable {
        let max_seq_length: Int
    }

    /// Where the set-up step installs the model: `$XDG_DATA_HOME/kq/models/all-MiniLM-L6-v2`,
    /// `~/.local/share` when XDG_DATA_HOME is unset or not absolute.
    public static func installedFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        var data = environment["XDG_DATA_HOME"] ?? ""
        if !data.hasPrefix("/") { data = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share" }
        return URL(fileURLWithPath: data).appendingPathComponent("kq/models/all-MiniLM-L6-v2")
    }

    /// Whether the set-up step installed the model (its weights are there).
    public static func isInstalled(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        FileManager.default.fileExists(atPath: installedFolder(environment: environment).appendingPathComponent("model.safetensors").path)
    }

    /// Loads the model in `folder` (`config.json`, `sentence_bert_config.json`, `vocab.txt`,
    /// `model.safetensors`); throws a `Failure` saying what is missing or wrong.
    public init(folder: URL) throws {
        func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
            let path = folder.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "cannot read \(path)") }
            do { return try JSONDecoder().decode(type, from: data) } catch { throw Failure(description: "\(path) is not the config expected: \(error)") }
        }
        let config = try decode(Config.self, "config.json")
        let sentence = try decode(SentenceConfig.self, "sentence_bert_config.json")
        guard config.hidden_act == "gelu", config.num_attention_heads > 0, config.hidden_size > 0,
              config.hidden_size % config.num_attention_heads == 0, min(sentence.max_seq_length, config.max_position_embeddings) >= 2 else {
            throw Failure(description: "the model is not a BERT encoder kq can run (\(config.hidden_act), \(config.hidden_size) wide)")
        }
        try BLAS.check()
        tokenizer = try WordPieceTokenizer(vocabularyAt: folder.appendingPathComponent("vocab.txt").path)
        tensors = try SafeTensors(path: folder.appendingPathComponent("model.safetensors").path)
        let width = config.hidden_size
        dimension = width
        heads = config.num_attention_heads
        intermediate = config.intermediate_size
        epsilon = Float(config.layer_norm_eps)
        maximumLength = min(sentence.max_seq_length, config.max_position_embeddings)
        let t = tensors
        embeddings = Embeddings(
            words: try t.floats("embeddings.word_embeddings.weight", shape: [config.vocab_size, width]),
            positions: try t.floats("embeddings.position_embeddings.weight", shape: [config.max_position_embeddings, width]),
            types: try t.floats("embeddings.token_type_embeddings.weight", shape: [config.type_vocab_size, width]),
            normWeight: try t.floats("embeddings.LayerNorm.weight", shape: [width]),
            normBias: try t.floats("embeddings.LayerNorm.bias", shape: [width]))
        layers = try (0..<config.num_hidden_layers).map { number in
            let p = "encoder.layer.\(number)."
            let inner = config.intermediate_size
            return Layer(
                query: try t.floats(p + "attention.self.query.weight", shape: [width, width]),
                queryBias: try t.floats(p + "attention.self.query.bias", shape: [width]),
                key: try t.floats(p + "attention.self.key.weight", shape: [width, width]),
                keyBias: try t.floats(p + "attention.self.key.bias", shape: [width]),
                value: try t.floats(p + "attention.self.value.weight", shape: [width, width]),
                valueBias: try t.floats(p + "attention.self.value.bias", shape: [width]),
                output: try t.floats(p + "attention.output.dense.weight", shape: [width, width]),
                outputBias: try t.floats(p + "attention.output.dense.bias", shape: [width]),
                attentionNormWeight: try t.floats(p + "attention.output.LayerNorm.weight", shape: [width]),
                attentionNormBias: try t.floats(p + "attention.output.LayerNorm.bias", shape: [width]),
                expand: try t.floats(p + "intermediate.dense.weight", shape: [inner, width]),
                expandBias: try t.floats(p + "intermediate.dense.bias", shape: [inner]),
                contract: try t.floats(p + "output.dense.weight", shape: [width, inner]),
                contractBias: try t.floats(p + "output.dense.bias", shape: [width]),
                normWeight: try t.floats(p + "output.LayerNorm.weight", shape: [width]),
                normBias: try t.floats(p + "output.LayerNorm.bias", shape: [width]))
        }
    }

    /// One unit vector per text.
    public func encode(_ texts: [String]) -> [[Float]] {
        encode(ids: texts.map { tokenizer.ids($0, maximumLength: maximumLength) })
    }

    /// One unit vector per sequence of word-piece ids (`[CLS]` … `[SEP]`, as
    /// `WordPieceTokenizer.ids` gives them), encoded as one batch padded to the longest.
    public func encode(ids batch: [[Int32]]) -> [[Float]] {
        guard !batch.isEmpty else { return [] }
        let lengths = batch.map { min($0.count, maximumLength) }
        let length = lengths.max()!
        counter.withLock { encodedPieces += lengths.reduce(0, +) }
        let rows = batch.count * length
        let width = dimension
        var x = [Float](repeating: 0, count: rows * width)
        // Embeddings: word + position + token type 0, then LayerNorm.
        x.withUnsafeMutableBufferPointer { x in
            for (sequence, ids) in batch.enumerated() {
                for position in 0..<length {
                    let id = position < lengths[sequence] ? Int(ids[position]) : Int(tokenizer.padding)
                    let row = x.baseAddress! + (sequence * length + position) * width
                    let word = embeddings.words.baseAddress! + min(max(id, 0), embeddings.words.count / width - 1) * width
                    let place = embeddings.positions.baseAddress! + position * width
                    for column in 0..<width { row[column] = word[column] + place[column] + embeddings.types[column] }
                }
            }
            layerNorm(x, rows: rows, weight: embeddings.normWeight, bias: embeddings.normBias)
        }
        var q = [Float](repeating: 0, count: rows * width), k = q, v = q, context = q, attended = q
        var scores = [Float](repeating: 0, count: length * length)
        var expanded = [Float](repeating: 0, count: rows * intermediate)
        let headWidth = width / heads
        let scale = 1 / Float(headWidth).squareRoot()
        for layer in layers {
            linear(x, rows: rows, inputs: width, weight: layer.query, bias: layer.queryBias, outputs: width, into: &q)
            linear(x, rows: rows, inputs: width, weight: layer.key, bias: layer.keyBias, outputs: width, into: &k)
            linear(x, rows: rows, inputs: width, weight: layer.value, bias: layer.valueBias, outputs: width, into: &v)
            for sequence in batch.indices {
                let offset = sequence * length * width
                for head in 0..<heads {
                    let column = offset + head * headWidth
                    q.withUnsafeBufferPointer { q in k.withUnsafeBufferPointer { k in scores.withUnsafeMutableBufferPointer { s in
                        BLAS.sgemm(.none, .transposed, m: length, n: length, k: headWidth, alpha: scale,
                                   q.baseAddress! + column, lda: width, k.baseAddress! + column, ldb: width,
                                   beta: 0, s.baseAddress!, ldc: length)
                    } } }
                    softmax(&scores, length: length, keys: lengths[sequence])
                    scores.withUnsafeBufferPointer { s in v.withUnsafeBufferPointer { v in context.withUnsafeMutableBufferPointer { c in
                        BLAS.sgemm(.none, .none, m: length, n: headWidth, k: length, alpha: 1,
                                   s.baseAddress!, lda: length, v.baseAddress! + column, ldb: width,
                                   beta: 0, c.baseAddress! + column, ldc: width)
                    } } }
                }
            }
            linear(context, rows: rows, inputs: width, weight: layer.output, bias: layer.outputBias, outputs: width, into: &attended)
            addAndNormalize(&x, attended, rows: rows, weight: layer.attentionNormWeight, bias: layer.attentionNormBias)
            linear(x, rows: rows, inputs: width, weight: layer.expand, bias: layer.expandBias, outputs: intermediate, into: &expanded)
            expanded.withUnsafeMutableBufferPointer { kq_gelu($0.baseAddress!, $0.count) }
            linear(expanded, rows: rows, inputs: intermediate, weight: layer.contract, bias: layer.contractBias, outputs: width, into: &attended)
            addAndNormalize(&x, attended, rows: rows, weight: layer.normWeight, bias: layer.normBias)
        }
        // Mean over the text's own tokens, then unit length.
        return batch.indices.map { sequence in
            var mean = [Float](repeating: 0, count: width)
            for position in 0..<lengths[sequence] {
                let row = (sequence * length + position) * width
                for column in 0..<width { mean[column] += x[row + column] }
            }
            var norm: Float = 0
            for column in 0..<width {
                mean[column] /= Float(lengths[sequence])
                norm += mean[column] * mean[column]
            }
            let scale = 1 / max(norm.squareRoot(), 1e-12)
            return mean.map { $0 * scale }
        }
    }

    /// `into = input · weightᵀ + bias`, the weight stored as PyTorch's Linear stores it (outputs × inputs).
    private func linear(_ input: [Float], rows: Int, inputs: Int, weight: UnsafeBufferPointer<Float>, bias: UnsafeBufferPointer<Float>,
                        outputs: Int, into output: inout [Float]) {
        output.withUnsafeMutableBufferPointer { output in
            for row in 0..<rows { (output.baseAddress! + row * outputs).update(from: bias.baseAddress!, count: outputs) }
            input.withUnsafeBufferPointer { input in
                BLAS.sgemm(.none, .transposed, m: rows, n: outputs, k: inputs, alpha: 1,
                           input.baseAddress!, lda: inputs, weight.baseAddress!, ldb: inputs,
                           beta: 1, output.baseAddress!, ldc: outputs)
            }
        }
    }

    /// Each row's softmax over its first `keys` columns; the padding's columns get zero.
    private func softmax(_ scores: inout [Float], length: Int, keys: Int) {
        scores.withUnsafeMutableBufferPointer { scores in
            for row in 0..<length {
                let base = scores.baseAddress! + row * length
                var largest = -Float.infinity
                for column in 0..<keys { largest = max(largest, base[column]) }
                kq_exp_shifted(base, keys, largest)
                var sum: Float = 0
                for column in 0..<keys { sum += base[column] }
                for column in 0..<keys { base[column] /= sum }
                for column in keys..<length { base[column] = 0 }
            }
        }
    }

    private func addAndNormalize(_ x: inout [Float], _ added: [Float], rows: Int, weight: UnsafeBufferPointer<Float>, bias: UnsafeBufferPointer<Float>) {
        x.withUnsafeMutableBufferPointer { x in
            for index in x.indices { x[index] += added[index] }
            layerNorm(x, rows: rows, weight: weight, bias: bias)
        }
    }

    private func layerNorm(_ x: UnsafeMutableBufferPointer<Float>, rows: Int, weight: UnsafeBufferPointer<Float>, bias: UnsafeBufferPointer<Float>) {
        let width = dimension
        for row in 0..<rows {
            let base = x.baseAddress! + row * width
            var mean: Float = 0
            for column in 0..<width { mean += base[column] }
            mean /= Float(width)
            var variance: Float = 0
            for column in 0..<width { variance += (base[column] - mean) * (base[column] - mean) }
            variance /= Float(width)
            let scale = 1 / (variance + epsilon).squareRoot()
            for column in 0..<width { base[column] = (base[column] - mean) * scale * weight[column] + bias[column] }
        }
    }
}
