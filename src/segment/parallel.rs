//! A long document segmented on several threads, its output in order.
//!
//! One thread reads the paragraphs into batches (about 512 KiB of text each),
//! workers segment whole batches, and the calling thread writes them in their
//! order through the one [`SegmentWriter`], so the bytes out are those of
//! [`write_document`] on one thread. A fixed set of batch buffers circulates
//! from the reader to the workers to the writer and back: memory is bounded by
//! their number, whatever the document's length. An error (reading, a rule,
//! writing) stops the document where the one-thread run would have stopped,
//! after the same output.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::ops::Range;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, mpsc};

use crate::document::Paragraphs;
use crate::segment::format::{DocumentError, DocumentStats, SegmentWriter, write_document};
use crate::segment::{Caches, Segmenter};

/// Text per batch: enough that handing batches between threads costs
/// nothing beside segmenting them, small enough that the workers share the
/// end of a document evenly.
const BATCH_BYTES: usize = 512 * 1024;

/// Paragraphs read together, then their segments.
#[derive(Default)]
struct Batch {
    /// Position of the batch in the document.
    index: usize,
    /// The paragraphs' text, one after the other.
    text: String,
    paragraphs: Vec<Paragraph>,
    /// The segments of every paragraph, as spans into the paragraph.
    spans: Vec<Range<usize>>,
    /// What ended the document after these paragraphs (none: more follow,
    /// unless `last`).
    error: Option<DocumentError>,
    /// No batch follows.
    last: bool,
}

/// A paragraph of a [`Batch`].
struct Paragraph {
    line: usize,
    offset: usize,
    normalized: bool,
    /// Its end in the batch's text (it starts where the previous one ends).
    end: usize,
    /// The end of its segments in the batch's spans.
    spans_end: usize,
}

impl Batch {
    /// The batch `index` of a worker that panicked: it ends the document.
    fn broken(index: usize) -> Batch {
        Batch {
            index,
            error: Some(DocumentError::Write(std::io::Error::other(
                "a segmenting thread failed (a bug in tmkit)",
            ))),
            last: true,
            ..Batch::default()
        }
    }

    /// Reads paragraphs into the batch until it holds [`BATCH_BYTES`], the
    /// document ends, or reading fails.
    fn fill<R: Read>(&mut self, index: usize, paragraphs: &mut Paragraphs<R>) {
        self.index = index;
        self.text.clear();
        // A batch ends with the paragraph that takes it past the size.
        self.text.reserve(2 * BATCH_BYTES);
        self.paragraphs.clear();
        self.spans.clear();
        self.error = None;
        self.last = false;
        while self.text.len() < BATCH_BYTES {
            match paragraphs.next_paragraph() {
                Ok(Some(paragraph)) => {
                    self.text.push_str(paragraph.text);
                    self.paragraphs.push(Paragraph {
                        line: paragraph.line,
                        offset: paragraph.offset,
                        normalized: paragraph.normalized,
                        end: self.text.len(),
                        spans_end: 0,
                    });
                }
                Ok(None) => {
                    self.last = true;
                    return;
                }
                Err(e) => {
                    self.error = Some(e.into());
                    self.last = true;
                    return;
                }
            }
        }
    }

    /// Segments every paragraph; a rule that fails ends the document there.
    fn segment(&mut self, segmenter: &Segmenter, caches: &mut Caches) {
        let mut spans = Vec::new();
        let mut start = 0;
        for (n, paragraph) in self.paragraphs.iter_mut().enumerate() {
            let text = &self.text[start..paragraph.end];
            if let Err(e) = segmenter.segment_with(caches, text, &mut spans) {
                self.paragraphs.truncate(n);
                self.error = Some(e.into());
                self.last = true;
                return;
            }
            self.spans.append(&mut spans);
            paragraph.spans_end = self.spans.len();
            start = paragraph.end;
        }
    }

    /// Writes the segments of every paragraph, then the error that ends the
    /// document after them, if any.
    fn write<W: Write>(
        &self,
        document: &str,
        writer: &mut SegmentWriter<W>,
        stats: &mut DocumentStats,
    ) -> Result<(), DocumentError> {
        let (mut start, mut spans_start) = (0, 0);
        for paragraph in &self.paragraphs {
            let text = &self.text[start..paragraph.end];
            let spans = &self.spans[spans_start..paragraph.spans_end];
            writer.segments(document, paragraph.line, paragraph.offset, text, spans)?;
            stats.paragraphs += 1;
            stats.segments += spans.len();
            stats.normalized += usize::from(paragraph.normalized);
            stats.bytes += text.len();
            (start, spans_start) = (paragraph.end, paragraph.spans_end);
        }
        Ok(())
    }
}

/// Segments a whole document as [`write_document`] does, on `threads`
/// threads that segment while this one writes (and one more reads). One
/// thread, or a document that fits in one batch, is segmented on this
/// thread alone.
pub fn write_document_parallel<R: Read + Send, W: Write>(
    mut paragraphs: Paragraphs<R>,
    document: &str,
    segmenter: &Segmenter,
    writer: &mut SegmentWriter<W>,
    threads: usize,
) -> Result<DocumentStats, DocumentError> {
    if threads <= 1 {
        return write_document(paragraphs, document, segmenter, writer);
    }
    let mut stats = DocumentStats::default();
    let mut first = Batch::default();
    first.fill(0, &mut paragraphs);
    let mut caches = segmenter.caches();
    if first.last {
        first.segment(segmenter, &mut caches);
        first.write(document, writer, &mut stats)?;
        return first.error.map_or(Ok(stats), Err);
    }
    // Buffers go reader → workers → writer → reader; the reader waits for
    // a free one, so no more than `buffers` batches are ever held.
    let buffers = threads + 3;
    let (free, free_to_fill) = mpsc::channel::<Batch>();
    let (to_segment, to_take) = mpsc::sync_channel::<Batch>(buffers);
    let (segmented, to_write) = mpsc::channel::<Batch>();
    for _ in 1..buffers {
        let _ = free.send(Batch::default());
    }
    let to_take = Mutex::new(to_take);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for index in 1.. {
                let Ok(mut batch) = free_to_fill.recv() else {
                    return;
                };
                batch.fill(index, &mut paragraphs);
                let last = batch.last;
                if to_segment.send(batch).is_err() || last {
                    return;
                }
            }
        });
        // The first batch is segmented here while the next ones are read:
        // the states it builds in the DFAs' caches are most of those the
        // document needs, and every worker starts with a copy of them
        // instead of building them again.
        first.segment(segmenter, &mut caches);
        if !first.last {
            let mut warm = Some(caches);
            for worker in 0..threads {
                let (to_take, segmented) = (&to_take, segmented.clone());
                // Copies for all but the last, which takes them.
                let caches = match worker + 1 < threads {
                    true => warm.clone(),
                    false => warm.take(),
                };
                let mut caches = caches.unwrap_or_else(|| segmenter.caches());
                scope.spawn(move || {
                    loop {
                        // The lock is held only while waiting for a batch.
                        let batch = to_take.lock().map(|r| r.recv());
                        let Ok(Ok(mut batch)) = batch else {
                            return;
                        };
                        let index = batch.index;
                        let done = panic::catch_unwind(AssertUnwindSafe(|| {
                            batch.segment(segmenter, &mut caches)
                        }));
                        if let Err(cause) = done {
                            // A bug: the writer, which waits for this batch,
                            // stops with an error, then the panic goes on.
                            let _ = segmented.send(Batch::broken(index));
                            panic::resume_unwind(cause);
                        }
                        if segmented.send(batch).is_err() {
                            return;
                        }
                    }
                });
            }
        }
        let _ = segmented.send(first);
        drop(segmented);
        // When this returns, `free` goes: a reader waiting for a buffer stops.
        write_in_order(to_write, free, document, writer, stats)
    })
}

/// Writes the batches that come from `segmented` in their order (one that
/// comes early waits for those before it), handing each buffer back to
/// `free`, until the last batch.
fn write_in_order<W: Write>(
    segmented: mpsc::Receiver<Batch>,
    free: mpsc::Sender<Batch>,
    document: &str,
    writer: &mut SegmentWriter<W>,
    mut stats: DocumentStats,
) -> Result<DocumentStats, DocumentError> {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    while let Ok(batch) = segmented.recv() {
        waiting.insert(batch.index, batch);
        while let Some(batch) = waiting.remove(&next) {
            batch.write(document, writer, &mut stats)?;
            if batch.last {
                return batch.error.map_or(Ok(stats), Err);
            }
            let _ = free.send(batch);
            next += 1;
        }
    }
    // Every worker stopped before the last batch: none panics, so this
    // cannot happen; say so rather than end the output silently.
    Err(DocumentError::Write(std::io::Error::other(
        "the segmenting threads stopped before the end of the document",
    )))
}
