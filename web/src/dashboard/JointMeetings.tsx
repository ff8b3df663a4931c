import { App, Button, Card, DatePicker, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, listOf } from '../api/client';
import { useApi } from '../api/hooks';
import { AsyncView, ErrorAlert } from '../common/AsyncView';
import { showProblemOnForm } from '../common/forms';
import { townshipName, TOWNSHIPS, unitName, UNITS } from '../labels';

interface AgendaItem {
  caseId: string;
  caseNumber?: string;
  reason?: string;
  reasons?: string[];
  summary?: string;
  units?: string[];
  hops?: number;
  overdueDays?: number;
}

interface Agenda {
  township: string;
  month: string;
  items?: AgendaItem[];
  cases?: AgendaItem[];
  meetings?: { meetingId?: string; heldAt?: string; minutes?: string }[];
}

/** 联席会议: the agenda the platform prepares, and the decisions taken. */
export function JointMeetings({ township: fixed }: { township?: string }) {
  const { message } = App.useApp();
  const [township, setTownship] = useState<string>(fixed ?? 'longqiao');
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const agenda = useApi<Agenda>(
    'reporting',
    `/joint-meetings/${encodeURIComponent(township)}/agenda`,
    { month: month.format('YYYY-MM') },
  );
  const items = agenda.data?.items ?? agenda.data?.cases ?? listOf<AgendaItem>(agenda.data);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function record(values: { minutes: string; decisions?: { caseId: string; unit: string; decision: string }[] }) {
    setBusy(true);
    setError(undefined);
    try {
      await api('reporting', '/joint-meetings', {
        body: {
          township,
          month: month.format('YYYY-MM'),
          heldAt: new Date().toISOString(),
          minutes: values.minutes,
          decisions: (values.decisions ?? []).filter((d) => d?.caseId && d?.unit),
        },
      });
      message.success('会议纪要已保存');
      form.resetFields();
      agenda.reload();
    } catch (err) {
      setError(err);
      showProblemOnForm(form, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {fixed ? (
          <Tag color="geekblue">{townshipName(fixed)}</Tag>
        ) : (
          <Select
            style={{ width: 160 }}
            value={township}
            onChange={setTownship}
            options={Object.entries(TOWNSHIPS).map(([value, label]) => ({ value, label }))}
          />
        )}
        <DatePicker picker="month" value={month} allowClear={false} onChange={(v) => v && setMonth(v)} />
      </Space>
      <Card size="small" title={`${townshipName(township)} ${month.format('YYYY年M月')} 联席会议议程`}>
        <AsyncView loading={agenda.loading} error={agenda.error} empty={items.length === 0} emptyText="本月暂无需上会的案件" onRetry={agenda.reload}>
          <List
            data-testid="agenda"
            dataSource={items}
            renderItem={(i, n) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <span>{n + 1}. {i.caseNumber ?? i.caseId}</span>
                      {(i.reasons ?? (i.reason ? [i.reason] : [])).map((r) => (
                        <Tag key={r} color="orange">{r}</Tag>
                      ))}
                    </Space>
                  }
                  description={
                    <div style={{ wordBreak: 'break-word' }}>
                      {i.summary}
                      {(i.units ?? []).length > 0 ? <div>涉及单位：{(i.units ?? []).map(unitName).join('、')}</div> : null}
                    </div>
                  }
                />
              </List.Item>
            )}
          />
        </AsyncView>
      </Card>
      <Card size="small" title="会议纪要与决定">
        {(agenda.data?.meetings ?? []).map((m, i) => (
          <Typography.Paragraph key={m.meetingId ?? i} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {m.minutes}
          </Typography.Paragraph>
        ))}
        {error ? <ErrorAlert error={error} /> : null}
        <Form form={form} layout="vertical" onFinish={record}>
          <Form.Item name="minutes" label="会议纪要" rules={[{ required: true, message: '请填写会议纪要' }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
          <Form.List name="decisions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} wrap align="baseline">
                    <Form.Item name={[field.name, 'caseId']} rules={[{ required: true, message: '选择案件' }]}>
                      <Select style={{ width: 200 }} placeholder="案件" options={items.map((i) => ({ value: i.caseId, label: i.caseNumber ?? i.caseId }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unit']} rules={[{ required: true, message: '选择单位' }]}>
                      <Select style={{ width: 180 }} placeholder="交由单位" showSearch optionFilterProp="label" options={Object.entries(UNITS).map(([value, label]) => ({ value, label }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'decision']}>
                      <Input style={{ width: 240 }} placeholder="决定事项" />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>移除</Button>
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add()} style={{ marginBottom: 12 }}>
                  添加交办决定
                </Button>
              </>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存纪要
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
