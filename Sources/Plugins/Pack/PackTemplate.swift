/// The commented pack `kq plugins new NAME` writes: a working answerer to change, with each
/// key of the pack language shown once.
public enum PackTemplate {
    public static func text(name: String) -> String {
        """
        # An answerer pack for kq: see the README, "Writing a plugin", for every key.
        # Check it with: kq plugins check \(name).yaml
        # Then put it in ~/.config/kq/answerers/ (yours, for every folder), or in a Knowledge
        # folder's .kq/answerers/ (for that folder; kq plugins trust --knowledge FOLDER loads it).
        kq-pack: 1
        name: \(name)
        summary: "Opening hours: when the clinic is open."
        # Of answerers equally sure a question is theirs, the higher priority answers
        # (kq's own: safety 30, dosing 20, cost 10).
        priority: 5
        # Whether answers carry kq's medical notice.
        medical: false
        # Questions it is meant for: kq plugins shows them, and check makes sure the cues reach them.
        examples:
          - When is the clinic open?
          - What are the opening hours on Saturday?

        # Words and phrases that mark its questions, with weights: a question's confidence is the
        # sum of its cues' weights, at most 1, and the router needs 0.5. `*` stands for up to
        # three words ("how * open").
        cues:
          open: 0.5
          opening hours: 0.6
          closed: 0.5
          when * open: 0.6

        # Named regular expressions (ICU syntax, case-insensitive). One may include another as
        # {name}; {number} ("two", "1.5") and {range} ("two to four") are kq's own.
        patterns:
          clock: '\\b\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)\\b|\\b\\d{1,2}:\\d{2}\\b'
          weekday: '\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\\b'

        aspects:
          # One thing it can report. A question is searched with its own words and `search`;
          # each sentence found is tried against `states`, and the first rule that holds says
          # how strongly the sentence states the aspect.
          - name: hours
            label: Opening hours
            asked-by: [open, opening hours, hours, closed, when]
            search: open hours monday friday am pm
            general: true
            states:
              # A sentence with times and days states it best.
              - sentence: [clock, weekday]
                strength: 1.5
              - sentence: clock
            absent:
              - say: The Knowledge does not give opening hours.

        """
    }
}
